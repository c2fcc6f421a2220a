require "json"
require "net/http"
require "dotenv/load"

# Sends hard questions to o3 through OpenRouter.
module Reasoner
  ENDPOINT = URI("https://openrouter.ai/api/v1/chat/completions")
  MODEL = "openai/o3"

  def self.ask(question)
    req = Net::HTTP::Post.new(ENDPOINT)
    req["Authorization"] = "Bearer #{ENV.fetch("OPENROUTER_API_KEY")}"
    req["Content-Type"] = "application/json"
    req.body = { model: MODEL, messages: [{ role: "user", content: question }] }.to_json
    res = Net::HTTP.start(ENDPOINT.host, ENDPOINT.port, use_ssl: true) { |http| http.request(req) }
    JSON.parse(res.body).dig("choices", 0, "message", "content")
  end
end
