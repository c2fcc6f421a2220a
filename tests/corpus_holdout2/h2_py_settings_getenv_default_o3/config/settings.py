import os
from dotenv import load_dotenv

load_dotenv()

OPENROUTER_API_KEY = os.getenv("OPENROUTER_API_KEY")
MODEL = os.getenv("MODEL", "openai/o3")
LOG_LEVEL = os.getenv("LOG_LEVEL", "INFO")
