mod llm;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let answer = llm::complete("Explain borrow checking in one paragraph.", None).await?;
    println!("{answer}");
    Ok(())
}
