from openai import OpenAI


class OpenAIModel:
    def __init__(self, config: dict):
        self.config = config

    def initialize(self):
        self.config.setdefault("model", "gpt-4o")

    def send(self, messages: list[dict]) -> str:
        client = OpenAI(api_key=self.config["api_key"], base_url=self.config.get("base_url"))
        r = client.chat.completions.create(model=self.config["model"], messages=messages)
        return r.choices[0].message.content
