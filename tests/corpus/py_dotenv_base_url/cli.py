import sys

from dotenv import load_dotenv
from openai import OpenAI

load_dotenv()
client = OpenAI()

if __name__ == "__main__":
    question = " ".join(sys.argv[1:])
    resp = client.chat.completions.create(model="o3", messages=[{"role": "user", "content": question}])
    print(resp.choices[0].message.content)
