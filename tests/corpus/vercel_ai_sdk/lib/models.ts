// Default for anonymous users; o3 is only offered to admins (see app/api/chat).
export const DEFAULT_MODEL = "openai/gpt-5-mini";
export const TITLE_MODEL = "openai/gpt-5-nano";
