import OpenAI from "openai";

const client = new OpenAI({ baseURL: "https://openrouter.ai/api/v1", apiKey: process.env.OPENROUTER_API_KEY });

export async function chat(text) {
  const r = await client.chat.completions.create({
    // model: "openai/o3",  // needs BYOK, re-enable once the OpenAI key is added at OpenRouter
    model: "openai/o4-mini",
    messages: [{ role: "user", content: text }],
  });
  return r.choices[0].message.content;
}

/*
const legacy = await client.chat.completions.create({ model: "openai/o3-pro", messages, stream: true });
*/
