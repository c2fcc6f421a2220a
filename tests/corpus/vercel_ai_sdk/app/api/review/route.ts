import { createOpenRouter } from "@openrouter/ai-sdk-provider";
import { generateText } from "ai";

const openrouter = createOpenRouter({ apiKey: process.env.OPENROUTER_API_KEY });

export async function POST(req: Request) {
  const { code } = await req.json();
  const { text } = await generateText({
    model: openrouter.chat("openai/o3-pro"),
    prompt: `Review this code:\n${code}`,
  });
  return Response.json({ review: text });
}
