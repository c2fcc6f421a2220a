use serde_json::json;

const BASE_URL: &str = "https://openrouter.ai/api/v1";
const MODEL: &str = "openai/gpt-5";

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let key = std::env::var("OPENROUTER_API_KEY")?;
    let prompt = std::env::args().nth(1).unwrap_or_else(|| "hello".into());
    let resp: serde_json::Value = reqwest::blocking::Client::new()
        .post(format!("{BASE_URL}/chat/completions"))
        .bearer_auth(key)
        .json(&json!({ "model": MODEL, "messages": [{ "role": "user", "content": prompt }] }))
        .send()?
        .json()?;
    println!("{}", resp["choices"][0]["message"]["content"]);
    Ok(())
}
