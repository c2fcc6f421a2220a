from app.errors import explain

BYOK_403 = {"error": {"message": "OpenAI is requiring a key to access this model, which you can add in https://openrouter.ai/settings/integrations - you can also switch to o3-mini.", "code": 403}}


def test_byok_403_is_explained():
    assert "BYOK" in explain(BYOK_403)


def test_use_verification():
    body = "404 Your organization must be verified to use the model 'o3'. Please go to: https://platform.openai.com/settings/organization/general and click on Verify Organization."
    assert "Verify" in explain(body)


def test_credits():
    body = '{"error":{"code":402,"message":"Insufficient credits. Add more using https://openrouter.ai/credits"}}'
    assert "credits" in explain(body)


def test_no_auth():
    assert explain("401 No auth credentials found") == "401 No auth credentials found"
