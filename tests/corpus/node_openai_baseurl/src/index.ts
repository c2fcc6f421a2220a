import "dotenv/config";
import OpenAI from "openai";

const client = new OpenAI({
  baseURL: "https://openrouter.ai/api/v1",
  apiKey: process.env.OPENROUTER_API_KEY,
  defaultHeaders: {
    "HTTP-Referer": "https://github.com/acme/release-notes",
    "X-Title": "release-notes",
  },
});

export async function draftReleaseNotes(commits: string[]): Promise<string> {
  const stream = await client.chat.completions.create({
    model: "openai/o3",
    stream: true,
    messages: [
      { role: "system", content: "Write release notes from commit messages." },
      { role: "user", content: commits.join("\n") },
    ],
  });
  let out = "";
  for await (const chunk of stream) {
    out += chunk.choices[0]?.delta?.content ?? "";
  }
  return out;
}
