import { DEFAULT_LLM_MODEL, OPENROUTER_API_KEY, OPENROUTER_URL } from "../constants/llm.constants";

export interface ChatMessage {
  role: "system" | "user" | "assistant";
  content: string;
}

export async function runTurn(messages: ChatMessage[], model: string = DEFAULT_LLM_MODEL): Promise<string> {
  const res = await fetch(OPENROUTER_URL, {
    method: "POST",
    headers: {
      Authorization: `Bearer ${OPENROUTER_API_KEY}`,
      "Content-Type": "application/json",
    },
    body: JSON.stringify({ model, messages }),
  });
  if (!res.ok) throw new Error(`LLM call failed: ${res.status}`);
  const data = await res.json();
  return data.choices[0].message.content;
}
