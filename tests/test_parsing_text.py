"""Languages without a grammar (Go, Rust, Java, Kotlin, C#, Ruby, PHP...): the lexical scanner."""

from __future__ import annotations

from pathlib import Path

from byok_lsp.parsing.code import extract
from test_parsing_positions import assert_spans_exact, envs, models, signals, span_of


def facts(name: str, src: str):
    f = extract(Path(name), src)
    assert f.language == "text"
    assert_spans_exact(src, f)
    return f


def test_go():
    src = '''package main
// Model: "openai/o1" in a comment, and "//" inside strings below
func main() {
	req := Request{Model: "o3", BaseURL: `https://openrouter.ai/api/v1`}
	key := os.Getenv("OPENROUTER_API_KEY")
	fmt.Println("prose about o3 and // not a comment openai/o3 models")
	log.Printf("retry with --model openai/o3-pro")
	url := "http://localhost:4000"
	cfg.BaseURL = "http://litellm:4000/v1"
}
'''
    f = facts("main.go", src)
    assert models(f) == [("o3", True, None)]
    assert f.models[0].span == span_of(src, "o3")
    assert envs(f) == [("OPENROUTER_API_KEY", None)]
    assert signals(f) == [
        ("openrouter", 'BaseURL "https://openrouter.ai/api/v1"'),
        ("openrouter", "env OPENROUTER_API_KEY"),
        ("other-gateway", 'BaseURL "http://litellm:4000/v1"'),
    ]


def test_rust_lifetimes_and_raw_strings():
    src = '''fn call<'a>(x: &'a str) -> String {
    let model = "openai/o3"; // OpenAI is requiring a key to access this model
    let url = r#"https://openrouter.ai/api/v1"#;
    let key = std::env::var("OPENROUTER_API_KEY");
}
'''
    f = facts("main.rs", src)
    assert models(f) == [("openai/o3", True, None)]
    assert [e.text for e in f.error_texts] == ["OpenAI is requiring a key to access this model"]
    assert envs(f) == [("OPENROUTER_API_KEY", None)]
    assert signals(f)[0] == ("openrouter", 'url "https://openrouter.ai/api/v1"')


def test_java_builder_and_kotlin():
    java = 'var req = ChatRequest.builder().model("openai/gpt-5").build(); String k = System.getenv("OR_KEY");\n'
    f = facts("Main.java", java)
    assert models(f) == [("openai/gpt-5", True, None)]
    assert envs(f) == [("OR_KEY", None)]
    kotlin = 'val client = OpenAI(host = OpenAIHost("https://openrouter.ai/api/v1/"))\nval model = "o3"\n'
    f = facts("App.kt", kotlin)
    assert models(f) == [("o3", True, None)]
    assert signals(f) == [("openrouter", 'url "https://openrouter.ai/api/v1/"')]


def test_ruby_and_php_hash_comments():
    ruby = '''# model: "openai/o1"
client = OpenAI::Client.new(uri_base: "https://openrouter.ai/api/v1", access_token: ENV["OPENROUTER_API_KEY"])
client.chat(parameters: { model: "openai/o3", messages: [] })
'''
    f = facts("app.rb", ruby)
    assert models(f) == [("openai/o3", True, None)]
    assert envs(f) == [("OPENROUTER_API_KEY", None)]
    php = '<?php\n# $m = "openai/o1";\n$payload = ["model" => "openai/o3-pro"]; // "o3"\n'
    f = facts("index.php", php)
    assert models(f) == [("openai/o3-pro", True, None)]


def test_text_secrets_skip_comments():
    key = "sk-or-v1-" + "0123456789abcdef" * 4
    src = f'const string Key = "{key}";\n// const string Old = "{key}";\n'
    f = facts("Program.cs", src)
    assert [s.value for s in f.secrets] == [key]
    assert f.secrets[0].span == span_of(src, key)


def test_anchored_scans_find_what_the_plain_regexes_find():
    """The file-pass scans run on every keystroke, so they skip ahead with bytes.find
    (lang_text.anchored_finditer, lang_js._destructures); they must find exactly what
    ``finditer`` finds, on the repository's sources and on seeded random junk."""
    import random

    from byok_lsp.parsing import lang_js, lang_python, lang_text

    root = Path(__file__).resolve().parents[1]
    texts = [p.read_bytes() for p in sorted((root / "tests").rglob("*"))
             if p.is_file() and p.suffix in (".py", ".ts", ".js", ".tsx", ".mjs", ".md")]
    rng = random.Random(7)
    frags = [b"process.env", b"process.env.X", b"{ a, b = 'x' } = process.env", b"{a}=import.meta.env", b"Bun.env",
             b"Deno.env.get('A')", b"OpenRouter(", b"ChatOpenRouter (", b"createOpenRouter(", b"xOpenRouter(", b"{",
             b"}", b" = ", b"import", b"process", b"\n", b"$process.env.A"]
    texts += [b"".join(rng.choice(frags) for _ in range(rng.randint(1, 30))) for _ in range(2000)]
    scans = [(lang_js._ENV, (b"process", b"import", b"Bun", b"Deno")),
             (lang_js._CLASS_USE, (b"createOpenRouter", b"ChatOpenRouter", b"OpenRouter")),
             (lang_python._CLASS_USE, (b"ChatOpenRouter", b"OpenRouter"))]
    assert sum(1 for t in texts if lang_js._DESTRUCTURE.search(t)) > 100  # the junk does exercise them
    for text in texts:
        for pattern, needles in scans:
            want = [m.span() for m in pattern.finditer(text)]
            assert [m.span() for m in lang_text.anchored_finditer(pattern, text, needles)] == want, text[:300]
        assert [m.span() for m in lang_js._destructures(text)] == [m.span() for m in lang_js._DESTRUCTURE.finditer(text)], text[:300]
