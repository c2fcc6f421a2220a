import { OpenRouter } from "@openrouter/sdk";

const openRouter = new OpenRouter({ apiKey: process.env.OPENROUTER_API_KEY });

export async function streamAnswer(question: string) {
  const stream = await openRouter.chat.send({
    model: "openai/o3",
    messages: [{ role: "user", content: question }],
    stream: true,
  });
  for await (const chunk of stream) {
    process.stdout.write(chunk.choices[0]?.delta?.content ?? "");
  }
}
