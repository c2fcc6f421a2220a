import "dotenv/config";
import express from "express";
import OpenAI from "openai";

const client = new OpenAI({
  baseURL: "https://openrouter.ai/api/v1",
  apiKey: process.env.OPEN_ROUTER_API_KEY,
});

const app = express();
app.use(express.json());

app.post("/reply", async (req, res) => {
  const completion = await client.chat.completions.create({
    model: "openai/gpt-5-mini",
    messages: [{ role: "user", content: req.body.text }],
  });
  res.json({ reply: completion.choices[0].message.content });
});

app.listen(3000);
