export async function openRouterAI(prompt: string): Promise<any> {
  const API_KEY = process.env.OPENROUTER_API_KEY;
  if (!API_KEY) throw new Error("Missing OpenRouter API key");

  const response = await fetch(
    "https://openrouter.ai/api/v1/chat/completions",
    {
      method: "POST",
      headers: {
        Authorization: `Bearer ${API_KEY}`,
        "Content-Type": "application/json",
      },
      body: JSON.stringify({
        model: "openai/o3-2025-04-16",
        temperature: 1,
        messages: [
          { role: "system", content: "You are a strict JSON generator. Output ONLY valid JSON." },
          { role: "user", content: prompt },
        ],
      }),
    }
  );

  const data = await response.json();
  return data;
}
