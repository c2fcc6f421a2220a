MODEL = "openai/o3"
