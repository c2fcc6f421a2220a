import { generateText } from 'ai'
import { openrouter } from '@/lib/openrouter'

export async function POST(req: Request) {
  const { text } = await req.json()
  const out = await generateText({ model: openrouter('google/gemini-2.5-flash'), prompt: `Summarize: ${text}` })
  return Response.json({ summary: out.text })
}
