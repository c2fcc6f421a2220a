const OPENROUTER_KEY = "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";

export async function ask(prompt) {
  const res = await fetch("https://openrouter.ai/api/v1/chat/completions", {
    method: "POST",
    headers: { Authorization: `Bearer ${OPENROUTER_KEY}`, "Content-Type": "application/json" },
    body: JSON.stringify({ model: "openai/gpt-5-mini", messages: [{ role: "user", content: prompt }] }),
  });
  return (await res.json()).choices[0].message.content;
}
