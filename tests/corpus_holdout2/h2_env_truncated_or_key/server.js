import "dotenv/config";
import express from "express";
import OpenAI from "openai";

const openai = new OpenAI({
  apiKey: process.env.OPENROUTER_API_KEY,
  baseURL: "https://openrouter.ai/api/v1",
});

const app = express();
app.use(express.json());

app.post("/chat", async (req, res) => {
  const out = await openai.chat.completions.create({
    model: "meta-llama/llama-3.2-3b-instruct",
    messages: req.body.messages,
  });
  res.json(out.choices[0].message);
});

app.listen(process.env.PORT || 3000);
