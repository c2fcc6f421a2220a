from .openai import OpenAIModel


class OpenRouterModel(OpenAIModel):
    def initialize(self):
        self.config = {
            "api_key": self.config.get("api_key"),
            "base_url": "https://openrouter.ai/api/v1",
            "model": self.config.get("model", "openai/o3"),
        }
        super().initialize()
