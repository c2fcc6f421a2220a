import { openrouter } from '@openrouter/ai-sdk-provider';
import { generateText, streamText } from 'ai';

// OpenRouter configuration
export const openRouterConfig = {
  defaultModel: 'openai/o3-mini',
  fastModel: 'openai/gpt-5-mini',
  visionModel: 'openai/gpt-4o',
};

export async function generateOpenRouterResponse(prompt: string, model = openRouterConfig.defaultModel) {
  const { text } = await generateText({ model: openrouter(model), prompt });
  return text;
}

export function streamOpenRouterResponse(prompt: string) {
  return streamText({ model: openrouter('openai/o4-mini'), prompt });
}
