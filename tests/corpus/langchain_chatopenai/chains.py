import os

from dotenv import load_dotenv
from langchain_core.prompts import ChatPromptTemplate
from langchain_openai import ChatOpenAI

load_dotenv()

llm = ChatOpenAI(
    model="openai/o3",
    openai_api_base="https://openrouter.ai/api/v1",
    openai_api_key=os.getenv("OPENROUTER_API_KEY"),
    temperature=1,
)
cheap_llm = ChatOpenAI(model="gpt-4o-mini")  # OpenAI directly, for cheap steps

prompt = ChatPromptTemplate.from_messages(
    [("system", "You are a meticulous analyst."), ("user", "{question}")]
)
chain = prompt | llm


def answer(question: str) -> str:
    return chain.invoke({"question": question}).content
