from dotenv import load_dotenv
from langchain_openrouter import ChatOpenRouter

load_dotenv()

llm = ChatOpenRouter(model="openai/o3", streaming=True, temperature=1)


def main() -> None:
    for chunk in llm.stream("Explain the CAP theorem with an example."):
        print(chunk.content, end="", flush=True)


if __name__ == "__main__":
    main()
