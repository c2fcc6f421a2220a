import OpenAI from "openai";

const client = new OpenAI({ baseURL: "https://openrouter.ai/api/v1", apiKey: process.env.OPENROUTER_API_KEY });

export async function chat(text: string) {
  const stream = await client.chat.completions.create({
    model: "openai/gpt-5-mini",
    stream: true,
    messages: [{ role: "user", content: text }],
  });
  return stream;
}
