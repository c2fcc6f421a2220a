"""JavaScript, TypeScript, TSX: realistic snippets in, exact facts and spans out."""

from __future__ import annotations

import pytest

from test_parsing_positions import envs, models, parsed, signals, span_of


def facts(src: str, language: str = "typescript"):
    return parsed(src, language)


def test_vercel_ai_sdk_with_openrouter_provider():
    src = '''import { createOpenRouter } from "@openrouter/ai-sdk-provider";
import { streamText, generateText } from "ai";

const openrouter = createOpenRouter({ apiKey: process.env.OPENROUTER_API_KEY });

export async function plan(goal: string) {
  const result = streamText({ model: openrouter("openai/o3-pro"), prompt: goal });
  const summary = await generateText({ model: openrouter.chat("openai/o3"), prompt: goal });
  return result.textStream;
}
'''
    f = facts(src)
    assert models(f) == [("openai/o3-pro", True, True), ("openai/o3", True, False)]
    assert f.models[0].span == span_of(src, "openai/o3-pro")
    assert signals(f) == [
        ("openrouter", "import @openrouter/ai-sdk-provider"),
        ("openrouter", "createOpenRouter("),
        ("openrouter", "env OPENROUTER_API_KEY"),
    ]
    assert f.signals[0].span == span_of(src, "@openrouter/ai-sdk-provider")
    assert f.signals[1].span == span_of(src, "createOpenRouter", 1)
    assert envs(f) == [("OPENROUTER_API_KEY", None)]


def test_openai_sdk_with_base_url_and_streaming_object():
    src = '''import OpenAI from "openai";
const client = new OpenAI({
  baseURL: "https://openrouter.ai/api/v1",
  apiKey: process.env["OPENROUTER_API_KEY"],
});
const stream = await client.chat.completions.create({ model: "openai/o3", stream: true, messages });
'''
    f = facts(src)
    assert models(f) == [("openai/o3", True, True)]
    assert signals(f) == [
        ("openrouter", 'baseURL "https://openrouter.ai/api/v1"'),
        ("openrouter", "env OPENROUTER_API_KEY"),
    ]


def test_fetch_and_axios_raw_http():
    src = '''await fetch("https://openrouter.ai/api/v1/chat/completions", {
  method: "POST",
  headers: { Authorization: `Bearer ${process.env.OPENROUTER_API_KEY}` },
  body: JSON.stringify({ model: "o3", stream: false, messages }),
});
await axios.post(`${BASE}/chat/completions`, { model: "openai/gpt-5" });
'''
    f = facts(src, "javascript")
    assert models(f) == [("o3", True, False), ("openai/gpt-5", True, None)]
    assert signals(f)[0] == ("openrouter", 'url "https://openrouter.ai/api/v1/chat/completions"')
    assert envs(f) == [("OPENROUTER_API_KEY", None)]


def test_env_reads_of_every_shape_with_defaults():
    src = '''const a = process.env.MODEL ?? "openai/o3";
const b = process.env["B_KEY"] || 'fallback';
const c = import.meta.env.VITE_OPENROUTER_KEY;
const d = Deno.env.get("D_KEY");
const e = Bun.env.E_KEY;
const { OPENAI_API_KEY, LLM_MODEL = "o3" } = process.env;
// process.env.COMMENTED
const s = "process.env.IN_A_STRING";
'''
    f = facts(src)
    assert envs(f) == [
        ("MODEL", "openai/o3"),
        ("B_KEY", "fallback"),
        ("VITE_OPENROUTER_KEY", None),
        ("D_KEY", None),
        ("E_KEY", None),
        ("OPENAI_API_KEY", None),
        ("LLM_MODEL", "o3"),
    ]
    assert models(f) == [("openai/o3", True, None)]


def test_env_default_context_comes_from_the_variable():
    f = facts('const m = process.env.LLM_MODEL || "o3";\nconst x = process.env.LABEL || "o3";\n')
    assert models(f) == [("o3", True, None)]


def test_dotenv_paths():
    src = '''import dotenv from "dotenv";
dotenv.config({ path: ".env.local" });
require("dotenv").config({ path: "../.env" });
process.loadEnvFile("config/.env");
'''
    f = facts(src, "javascript")
    assert [p for p, _ in f.dotenv_paths] == [".env.local", "../.env", "config/.env"]


def test_require_of_the_sdk_and_aliases_of_the_factory():
    src = '''const { createOpenRouter } = require("@openrouter/ai-sdk-provider");
const { OpenRouter } = require("@openrouter/sdk");
const or = createOpenRouter({});
const sdk = new OpenRouter({ apiKey });
const m = or("o3");
'''
    f = facts(src, "javascript")
    assert models(f) == [("o3", True, None)]
    assert ("openrouter", "import @openrouter/ai-sdk-provider") in signals(f)
    assert ("openrouter", "import @openrouter/sdk") in signals(f)
    assert ("openrouter", "OpenRouter(") in signals(f)


def test_curried_factory_call():
    f = facts('const model = createOpenRouter({ apiKey })("o3-mini");\n')
    assert models(f) == [("o3-mini", True, None)]


def test_template_literals_with_and_without_substitutions():
    src = '''const a = `openai/o3`;
const b = `${vendor}/o3`;
const c = `--model openai/o3-pro ${flags}`;
const d = `${MODEL}`;
'''
    f = facts(src)
    assert models(f) == [("openai/o3", False, None), ("openai/o3-pro", True, None)]


def test_types_class_fields_and_jsx():
    src = '''type ReasoningModel = "openai/o3" | "o3";
class Agent { model = "o3-pro"; label = "o3"; }
export const view = () => <Chat model="openai/o4-mini" title="Try o3" />;
'''
    f = facts(src, "tsx")
    assert models(f) == [("openai/o3", True, None), ("o3", True, None), ("o3-pro", True, None), ("openai/o4-mini", True, None)]


def test_registries():
    src = '''export const MODELS = { reasoning: "o3", fast: { id: "openai/o4-mini" } };
export const ROUTES = { reasoning: "openai/o3" };
'''
    f = facts(src)
    assert models(f) == [("o3", True, None), ("openai/o4-mini", True, None), ("openai/o3", False, None)]


def test_half_typed_call():
    src = 'const r = await openrouter.chat("openai/o3"\n'
    f = facts(src)
    assert models(f) == [("openai/o3", True, None)]
    assert f.models[0].span == span_of(src, "openai/o3")


def test_gateways():
    src = '''const direct = new OpenAI({ baseURL: "https://api.openai.com/v1" });
const proxy = new OpenAI({ baseURL: "http://localhost:4000/v1" });
const link = "https://example.com";
'''
    f = facts(src)
    assert signals(f) == [
        ("openai-direct", 'baseURL "https://api.openai.com/v1"'),
        ("other-gateway", 'baseURL "http://localhost:4000/v1"'),
    ]


def test_not_usage():
    src = '''// const model = "openai/o3";
/* createOpenRouter("openai/o3") */
console.log("switching to --model openai/o3");
const prose = "o3 is OpenAI's reasoning model";
const o3_score = 3;
const scores = { "o3": 1, o3: 2 };
const md = "| openai/o3 | $2 |";
throw new Error("pass --model openai/o3-pro");
'''
    f = facts(src)
    assert models(f) == []
    assert f.signals == []


@pytest.mark.parametrize("language", ["javascript", "typescript", "tsx"])
def test_secrets_and_error_texts(language):
    key = "sk-or-v1-" + "abcdef0123456789" * 4
    src = f'''const key = "{key}";
// const old = "{key}";
// 403: OpenAI is requiring a key to access this model
expect(err.message).toContain("must be verified to stream");
'''
    f = facts(src, language)
    assert [s.value for s in f.secrets] == [key]
    assert f.secrets[0].span == span_of(src, key)
    assert [e.text for e in f.error_texts] == ["403: OpenAI is requiring a key to access this model",
                                              "must be verified to stream"]
