use async_openai::{
    config::OpenAIConfig,
    types::{ChatCompletionRequestUserMessageArgs, CreateChatCompletionRequestArgs},
    Client,
};

/// The default model to use for OpenRouter completions.
pub const DEFAULT_MODEL: &str = "openai/o3";

/// The OpenRouter API base URL.
const OPENROUTER_API_BASE: &str = "https://openrouter.ai/api/v1";

fn client() -> Client<OpenAIConfig> {
    let key = std::env::var("OPENROUTER_API_KEY").unwrap_or_default();
    Client::with_config(OpenAIConfig::new().with_api_base(OPENROUTER_API_BASE).with_api_key(key))
}

/// Complete the given prompt via chat using the OpenRouter API.
pub async fn complete(prompt: &str, model: Option<&str>) -> anyhow::Result<String> {
    let request = CreateChatCompletionRequestArgs::default()
        .model(model.unwrap_or(DEFAULT_MODEL))
        .messages([ChatCompletionRequestUserMessageArgs::default().content(prompt).build()?.into()])
        .build()?;
    let response = client().chat().create(request).await?;
    Ok(response.choices[0].message.content.clone().unwrap_or_default())
}
