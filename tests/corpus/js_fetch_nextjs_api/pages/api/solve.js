export default async function handler(req, res) {
  if (req.method !== "POST") {
    return res.status(405).end();
  }
  const response = await fetch("https://openrouter.ai/api/v1/chat/completions", {
    method: "POST",
    headers: {
      Authorization: `Bearer ${process.env.OPENROUTER_API_KEY}`,
      "Content-Type": "application/json",
    },
    body: JSON.stringify({
      model: "openai/o3",
      messages: [
        { role: "system", content: "Solve step by step, then give the final answer." },
        { role: "user", content: req.body.problem },
      ],
    }),
  });
  if (!response.ok) {
    return res.status(502).json({ error: await response.text() });
  }
  const data = await response.json();
  res.status(200).json({ answer: data.choices[0].message.content });
}
