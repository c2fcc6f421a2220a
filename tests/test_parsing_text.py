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
