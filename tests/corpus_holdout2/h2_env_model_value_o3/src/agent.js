import "dotenv/config";
import OpenAI from "openai";

const client = new OpenAI({
  apiKey: process.env.OPENROUTER_API_KEY,
  baseURL: process.env.URL || "https://openrouter.ai/api/v1",
});

export async function runAgent(task) {
  const res = await client.chat.completions.create({
    model: process.env.MODEL || "alibaba/qwen-turbo",
    messages: [{ role: "user", content: task }],
  });
  return res.choices[0].message.content;
}
