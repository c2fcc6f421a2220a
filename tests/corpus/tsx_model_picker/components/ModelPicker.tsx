import { useState } from "react";

const MODELS = [
  { id: "openai/o3", label: "o3 (deep reasoning)" },
  { id: "openai/o4-mini", label: "o4-mini (fast)" },
  { id: "openai/gpt-5-mini", label: "GPT-5 mini" },
];

async function ask(model: string, prompt: string): Promise<string> {
  const res = await fetch("https://openrouter.ai/api/v1/chat/completions", {
    method: "POST",
    headers: {
      Authorization: `Bearer ${process.env.NEXT_PUBLIC_OPENROUTER_API_KEY}`,
      "Content-Type": "application/json",
    },
    body: JSON.stringify({ model, messages: [{ role: "user", content: prompt }] }),
  });
  const data = await res.json();
  return data.choices[0].message.content;
}

export function ModelPicker({ prompt }: { prompt: string }) {
  const [model, setModel] = useState(MODELS[1].id);
  const [answer, setAnswer] = useState("");
  return (
    <div>
      <select value={model} onChange={(e) => setModel(e.target.value)}>
        {MODELS.map((m) => (
          <option key={m.id} value={m.id}>
            {m.label}
          </option>
        ))}
      </select>
      <p className="hint">o3 needs an OpenAI key added at OpenRouter.</p>
      <button onClick={async () => setAnswer(await ask(model, prompt))}>Ask</button>
      <pre>{answer}</pre>
    </div>
  );
}
