import { createOpenRouter } from "@openrouter/ai-sdk-provider";
import { streamText } from "ai";

const openrouter = createOpenRouter({ apiKey: process.env.OPENROUTER_API_KEY });

export async function plan(goal: string) {
  const result = await streamText({
    model: openrouter("openai/o3-pro"),
    prompt: goal,
  });
  return result.textStream;
}

export const review = {
  model: "openai/o3",
  stream: true,
};
