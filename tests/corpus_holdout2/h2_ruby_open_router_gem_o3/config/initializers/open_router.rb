OpenRouter.configure do |config|
  config.access_token = ENV.fetch("OPENROUTER_API_KEY", nil)
  config.site_name = "Helpdesk"
  config.site_url = "https://helpdesk.example.com"
end
