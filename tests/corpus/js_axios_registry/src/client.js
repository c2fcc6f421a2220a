import "dotenv/config";
import axios from "axios";

const MODELS = {
  reasoning: "openai/o3",
  cheap: "openai/gpt-5-mini",
  fast: "openai/o4-mini",
};

const openrouter = axios.create({
  baseURL: "https://openrouter.ai/api/v1",
  headers: { Authorization: `Bearer ${process.env.OPENROUTER_API_KEY}` },
});

export async function complete(task, prompt) {
  const { data } = await openrouter.post("/chat/completions", {
    model: MODELS[task] ?? MODELS.fast,
    messages: [{ role: "user", content: prompt }],
  });
  return data.choices[0].message.content;
}
