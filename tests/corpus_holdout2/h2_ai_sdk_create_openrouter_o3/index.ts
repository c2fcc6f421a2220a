import { createOpenRouter } from "@openrouter/ai-sdk-provider";
import { generateText } from "ai";
import dotenv from "dotenv";

dotenv.config({ path: ".env.local" });

if (!process.env.OPENROUTER_API_KEY) {
  throw new Error("OPENROUTER_API_KEY is not set");
}

const openrouter = createOpenRouter({
  apiKey: process.env.OPENROUTER_API_KEY,
});

async function main() {
  const name = await generateText({
    model: openrouter.chat("openai/gpt-4o-mini"),
    prompt: "What's a good name for a puzzle bot? Return only the name.",
  });

  const solution = await generateText({
    model: openrouter.chat("openai/o3"),
    prompt: `You are ${name.text}. Solve: a bat and a ball cost 1.10 in total...`,
  });

  console.log(solution.text);
  console.log(JSON.stringify(solution.providerMetadata, null, 2));
}

main().catch(console.error);
