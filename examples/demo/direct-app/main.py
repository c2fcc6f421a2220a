from openai import OpenAI

client = OpenAI(base_url="https://api.openai.com/v1")
answer = client.responses.create(model="o3", input="Summarise the design doc.")
