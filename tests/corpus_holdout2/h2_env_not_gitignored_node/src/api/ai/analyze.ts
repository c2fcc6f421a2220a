import 'dotenv/config';
import { OPENROUTER_API_KEY, OPENROUTER_API_URL, OPENROUTER_DEFAULT_MODEL } from './constants';

export async function analyze(decision: string): Promise<string> {
  const res = await fetch(OPENROUTER_API_URL, {
    method: 'POST',
    headers: { Authorization: `Bearer ${OPENROUTER_API_KEY}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({
      model: OPENROUTER_DEFAULT_MODEL,
      messages: [{ role: 'user', content: `List the risks of this decision: ${decision}` }],
    }),
  });
  const data = await res.json();
  return data.choices[0].message.content;
}
