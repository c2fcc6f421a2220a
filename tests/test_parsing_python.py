"""Python: realistic snippets in, exact facts and spans out."""

from __future__ import annotations

from test_parsing_positions import OR_KEY, envs, models, parsed, signals, span_of


def facts(src: str):
    return parsed(src, "python")


def test_openai_sdk_pointed_at_openrouter():
    src = '''import os
from openai import OpenAI

client = OpenAI(
    base_url="https://openrouter.ai/api/v1",
    api_key=os.getenv("OPENROUTER_API_KEY"),
)
resp = client.chat.completions.create(model="openai/o3", stream=True, messages=[])
'''
    f = facts(src)
    assert models(f) == [("openai/o3", True, True)]
    assert f.models[0].span == span_of(src, "openai/o3")
    assert envs(f) == [("OPENROUTER_API_KEY", None)]
    assert signals(f) == [
        ("openrouter", 'base_url "https://openrouter.ai/api/v1"'),
        ("openrouter", "env OPENROUTER_API_KEY"),
    ]
    assert f.signals[0].span == span_of(src, "https://openrouter.ai/api/v1")


def test_litellm_ids_positional_and_keyword():
    src = '''import litellm
from litellm import completion

completion(model="openrouter/openai/o3", messages=msgs, stream=False)
litellm.completion("openrouter/openai/o3-pro", messages=msgs)
litellm.acompletion("o3", messages=msgs)
'''
    f = facts(src)
    assert models(f) == [
        ("openrouter/openai/o3", True, False),
        ("openrouter/openai/o3-pro", True, None),
        ("o3", True, None),
    ]
    assert signals(f) == [
        ("openrouter", 'model "openrouter/openai/o3"'),
        ("openrouter", 'model "openrouter/openai/o3-pro"'),
    ]


def test_langchain_chatopenai_with_openrouter_base():
    src = '''from langchain_openai import ChatOpenAI
llm = ChatOpenAI(
    model_name="openai/o3",
    openai_api_base="https://openrouter.ai/api/v1",
    openai_api_key=os.environ["OPENROUTER_API_KEY"],
    streaming=True,
)
'''
    f = facts(src)
    assert models(f) == [("openai/o3", True, True)]
    assert ("openrouter", 'openai_api_base "https://openrouter.ai/api/v1"') in signals(f)
    assert envs(f) == [("OPENROUTER_API_KEY", None)]


def test_openrouter_sdks_and_prefixed_ids():
    src = '''import openrouter
from openrouter import OpenRouter
from langchain_openrouter import ChatOpenRouter
from pydantic_ai import Agent
from langchain.chat_models import init_chat_model

client = OpenRouter(api_key=key)
llm = ChatOpenRouter(model="openai/o3")
agent = Agent("openrouter:openai/o3")
chat = init_chat_model("openai:o3")
'''
    f = facts(src)
    assert models(f) == [("openai/o3", True, None), ("openrouter:openai/o3", True, None), ("openai:o3", True, None)]
    assert signals(f) == [
        ("openrouter", "import openrouter"),
        ("openrouter", "import openrouter"),
        ("openrouter", "import langchain_openrouter"),
        ("openrouter", "OpenRouter("),
        ("openrouter", "ChatOpenRouter("),
        ("openrouter", 'model "openrouter:openai/o3"'),
    ]
    assert f.signals[3].span == span_of(src, "OpenRouter", 2)


def test_argparse_default_is_model_context_but_help_text_is_not():
    src = '''parser.add_argument("--model", default="o3", help="model id, e.g. --model openai/o3-pro")
parser.add_argument("--out", default="o3")
'''
    f = facts(src)
    assert models(f) == [("o3", True, None)]
    assert f.models[0].span == span_of(src, "o3")


def test_registries_and_constants():
    src = '''DEFAULT_MODEL = "o3"
LLM_MODELS = ["openai/o3", "openai/gpt-5"]
ROUTES = {"reasoning": "openai/o3-pro", "model": "o4-mini", "stream": True}
PRICES = {"openai/o3": 2.0, "o3": 8.0}
FALLBACKS = ("openai/o1",)
MODEL_REGISTRY = {"reasoning": {"id": "o3-pro"}, "cheap": "o3-mini"}
self.engine = "o3-mini"
config["model"] = "openai/gpt-5-mini"
'''
    f = facts(src)
    assert models(f) == [
        ("o3", True, None),
        ("openai/o3", True, None),
        ("openai/gpt-5", True, None),
        ("openai/o3-pro", False, True),
        ("o4-mini", True, True),
        ("openai/o1", False, None),
        ("o3-pro", True, None),
        ("o3-mini", True, None),
        ("o3-mini", True, None),
        ("openai/gpt-5-mini", True, None),
    ]


def test_env_default_carries_context_from_the_variable_name():
    src = '''model = os.getenv("LLM_MODEL", "o3")
base = os.environ.get("OPENAI_BASE_URL", "https://openrouter.ai/api/v1")
other = getenv("LABEL", "o3")
'''
    f = facts(src)
    assert models(f) == [("o3", True, None)]
    assert envs(f) == [("LLM_MODEL", "o3"), ("OPENAI_BASE_URL", "https://openrouter.ai/api/v1"), ("LABEL", "o3")]
    assert signals(f) == [("openrouter", 'OPENAI_BASE_URL "https://openrouter.ai/api/v1"')]


def test_env_reads_of_every_shape_and_writes_are_not_reads():
    src = '''import os
from os import environ, getenv
from decouple import config
a = os.getenv("A_KEY", "x")
b = os.environ["B_KEY"]
c = os.environ.get("C_KEY")
d = environ.get("D_KEY", default="dflt")
e = getenv("E_KEY")
f = config("F_KEY")
os.environ["OPENAI_BASE_URL"] = "http://localhost:4000/v1"
'''
    f = facts(src)
    assert envs(f) == [("A_KEY", "x"), ("B_KEY", None), ("C_KEY", None), ("D_KEY", "dflt"), ("E_KEY", None), ("F_KEY", None)]
    assert signals(f) == [("other-gateway", 'OPENAI_BASE_URL "http://localhost:4000/v1"')]


def test_dotenv_paths():
    src = '''from dotenv import load_dotenv, dotenv_values
load_dotenv("config/.env")
load_dotenv(dotenv_path="../secrets.env", override=True)
values = dotenv_values(".env.local")
'''
    f = facts(src)
    assert [p for p, _ in f.dotenv_paths] == ["config/.env", "../secrets.env", ".env.local"]
    assert f.dotenv_paths[0][1] == span_of(src, "config/.env")


def test_raw_http_with_requests_and_json_payload_strings():
    src = """import requests
r = requests.post(
    "https://openrouter.ai/api/v1/chat/completions",
    headers={"Authorization": f"Bearer {key}"},
    json={"model": "openai/o3", "stream": True, "messages": []},
)
body = '{"model": "openai/o3-pro", "stream": false}'
escaped = "{\\"model\\": \\"openai/o1\\"}"
"""
    f = facts(src)
    assert models(f) == [("openai/o3", True, True), ("openai/o3-pro", True, False), ("openai/o1", True, None)]
    assert signals(f) == [("openrouter", 'url "https://openrouter.ai/api/v1/chat/completions"')]


def test_gateways_direct_openai_and_plain_urls():
    src = '''direct = OpenAI(base_url="https://api.openai.com/v1")
proxy = OpenAI(base_url="http://localhost:4000")
together = OpenAI(api_base="https://api.together.xyz/v1")
docs = "https://example.com/models"
'''
    f = facts(src)
    assert signals(f) == [
        ("openai-direct", 'base_url "https://api.openai.com/v1"'),
        ("other-gateway", 'base_url "http://localhost:4000"'),
        ("other-gateway", 'api_base "https://api.together.xyz/v1"'),
    ]


def test_command_strings():
    src = '''subprocess.run("aider --model openrouter/openai/o3 --yes", shell=True)
os.system("llm -m o3 'hello'")
cmd = ["aider", "--model=openai/o3-pro"]
'''
    f = facts(src)
    assert models(f) == [("openrouter/openai/o3", True, None), ("o3", True, None), ("openai/o3-pro", True, None)]


def test_fstrings():
    src = '''a = f"openai/o3"
b = f"{vendor}/o3"
c = f"https://openrouter.ai/api/{version}"
d = f"--model openai/o3-pro {flags}"
'''
    f = facts(src)
    assert models(f) == [("openai/o3", False, None), ("openai/o3-pro", True, None)]
    assert signals(f) == [("openrouter", 'url "https://openrouter.ai/api/"')]


def test_half_typed_code_after_the_model_string():
    src = '''client = OpenAI(base_url="https://openrouter.ai/api/v1")
resp = client.chat.completions.create(model="openai/o3", messages=[{"role": "user", "content":
'''
    f = facts(src)
    assert models(f) == [("openai/o3", True, None)]
    assert f.models[0].span == span_of(src, "openai/o3")


def test_comparison_is_a_check_not_usage():
    # `if model == "o3"` tests a value the code got elsewhere; it sends nothing (issue 11)
    f = facts('if model == "o3":\n    pass\nif "o3" in args.model:\n    pass\nmodel = "openai/o3" if deep else "x"\n')
    assert models(f) == [("openai/o3", True, None)]


def test_not_usage_comments_docstrings_prose_help_and_keys():
    src = '''"""Client for openai/o3 through https://openrouter.ai/api/v1."""
# MODEL = "openai/o3"
def f():
    """Returns the o3 model id."""
    o3_score = 3
    print("o3")
    log.info("switching to openai/o3 because --model openai/o3 was given")
    parser.add_argument("--fast", help="use --model openai/o3-mini")
    table = "| openai/o3 | $2.00 | $8.00 |"
    prose = "o3 costs $2 per million input tokens"
    scores = {"o3": 0.9}
    x = "gpt-5-turbo-foo"
    raise ValueError("--model openai/o3 is not allowed")
'''
    f = facts(src)
    assert models(f) == []
    assert f.signals == []


def test_print_of_a_whole_id_is_kept_without_context():
    f = facts('print("openai/o3")\n')
    assert models(f) == [("openai/o3", False, None)]


def test_secrets_outside_comments_and_placeholders_ignored():
    proj = "sk-proj-" + "Ab3dE" * 15 + "T3BlbkFJ" + "xY9zQ" * 15
    admin = "sk-admin-" + "Qw3rT" * 12 + "T3BlbkFJ" + "Zx8cV" * 12
    none_key = "sk-None-" + "aB1cD2eF3gH4iJ5kL6mN" + "T3BlbkFJ" + "oP7qR8sT9uV0wX1yZ2aB"
    src = f'''KEY = "{OR_KEY}"
# OLD = "{OR_KEY}"
OPENAI = "{proj}"
ADMIN = "{admin}"
LEGACY = "{none_key}"
MALFORMED = "sk-or-v1-abcdefghijklmnopqrstuvwxyz"
PLACEHOLDERS = ["sk-or-v1-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "sk-or-v1-your-key-here", "sk-...",
                "sk-or-v1-{"0" * 64}", "sk-or-v1-YOUR_OPENROUTER_API_KEY_GOES_HERE"]
'''
    f = facts(src)
    assert [(s.kind, s.value) for s in f.secrets] == [
        ("openrouter", OR_KEY),
        ("openai", proj),
        ("openai-admin", admin),
        ("openai", none_key),
        ("openrouter", "sk-or-v1-abcdefghijklmnopqrstuvwxyz"),
    ]
    assert f.secrets[0].span == span_of(src, OR_KEY)


def test_error_texts_in_comments_strings_and_docstrings():
    src = '''# OpenAI is requiring a key to access this model, which you can add in settings
def test_403():
    """Raises: 'Your organization must be verified to stream this model'."""
    assert "model_not_found" in str(err)
    msg = "hello"
'''
    f = facts(src)
    texts = [e.text for e in f.error_texts]
    assert texts == [
        "OpenAI is requiring a key to access this model, which you can add in settings",
        "Raises: 'Your organization must be verified to stream this model'.",
        "model_not_found",
    ]
    assert f.error_texts[0].span == span_of(src, texts[0])


def test_streaming_flag_from_call_and_stream_method():
    src = '''client.chat.completions.create(model="o3", stream=False)
client.responses.stream(model="openai/o3")
ChatOpenAI(model="openai/o3-pro")
'''
    f = facts(src)
    assert models(f) == [("o3", True, False), ("openai/o3", True, True), ("openai/o3-pro", True, None)]


def test_pydantic_settings_fields_are_env_reads():
    """pydantic-settings reads each field of a BaseSettings class from env_prefix + its name
    (an alias names the variable itself); class constants and other classes read nothing."""
    src = '''\
from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="app_", env_file=".env")

    openrouter_token: SecretStr
    model: str = "openai/o3"
    key: str = Field(default="", validation_alias="OR_KEY")
    VERSION = "1"


class Legacy(pydantic_settings.BaseSettings):
    openrouter_api_key: str

    class Config:
        env_prefix = "OLD_"


class Plain:
    openrouter_api_key: str
'''
    f = parsed(src, "python")
    names = [n for n, _ in envs(f)]
    assert names == ["APP_OPENROUTER_TOKEN", "APP_MODEL", "OR_KEY", "OLD_OPENROUTER_API_KEY"], names
    assert [e.span.line for e in f.env_reads] == [7, 8, 9, 14]
