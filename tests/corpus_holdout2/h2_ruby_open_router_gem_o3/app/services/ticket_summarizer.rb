class TicketSummarizer
  def initialize(client: OpenRouter::Client.new)
    @client = client
  end

  def summarize(ticket)
    messages = [
      { role: "system", content: "Summarize the support ticket in three bullet points." },
      { role: "user", content: ticket.body }
    ]
    response = @client.complete(messages, model: "openai/o3")
    response.dig("choices", 0, "message", "content")
  end

  def tag(ticket)
    response = @client.complete([{ role: "user", content: "One tag for: #{ticket.subject}" }], model: "mistralai/mistral-small")
    response.dig("choices", 0, "message", "content")
  end
end
