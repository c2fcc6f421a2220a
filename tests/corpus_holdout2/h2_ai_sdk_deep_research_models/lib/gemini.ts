import { createOpenRouter } from "@openrouter/ai-sdk-provider";

const openrouter = createOpenRouter({
  apiKey: process.env.OPENROUTER_API_KEY,
});

export const researchModel = openrouter("openai/o3-deep-research");
export const quickResearchModel = openrouter("openai/o4-mini-deep-research");
export const model = openrouter("openai/o4-mini");
