"""The HTTP layer against a real local server: faults end as "could not verify", within the budget."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import httpx
import pytest

from byok_lsp.verify import checks
from byok_lsp.verify.http import OPENAI_BASE, OPENROUTER_BASE, USER_AGENT, Api, Endpoint, HostNotAllowed, VerifyConfig

from .conftest import BUDGET, OR_KEY, assert_no_key, fast_config
from .fakeapi import FakeApi, Reply, closed_port, fixture, json_reply

MARGIN = 1.0  # scheduling slack on a loaded CI machine


def key_check(api: FakeApi, cfg: VerifyConfig | None = None, key: str = OR_KEY):
    cfg = cfg or fast_config(api)

    async def run():
        async with Api(cfg) as client:
            return await checks.check_openrouter_key(client, key)

    started = time.monotonic()
    result = asyncio.run(run())
    return result, time.monotonic() - started


def test_timeout_past_read_timeout_is_unverified_within_budget(api):
    api.route("GET", "/api/v1/key", fixture("openrouter/key-200-paid", fault="sleep", delay=3.0))
    result, elapsed = key_check(api)
    assert result.unverified and "timeout" in result.detail
    assert elapsed < BUDGET + MARGIN
    assert len(api.hits) == 1  # a read timeout is not retried: the server may be working on it


def test_connection_refused_is_retried_then_unverified():
    port = closed_port()
    cfg = fast_config(openrouter_base=f"http://127.0.0.1:{port}/api/v1", openai_base=f"http://127.0.0.1:{port}/v1")

    async def run():
        async with Api(cfg) as client:
            return await client.request("openrouter", "GET", "/key", key=OR_KEY)

    started = time.monotonic()
    reply = asyncio.run(run())
    assert reply.failure and "could not connect" in reply.failure and "refused" in reply.failure
    assert reply.attempts == 3
    assert time.monotonic() - started < BUDGET + MARGIN
    result = checks.interpret_key(reply, "masked")
    assert result.unverified and result.detail.startswith("could not verify: could not connect")


def test_reset_mid_body_is_retried_then_unverified(api):
    api.route("GET", "/api/v1/key", fixture("openrouter/key-200-paid", fault="reset"))
    result, elapsed = key_check(api)
    assert result.unverified and "lost" in result.detail
    assert len(api.hits) == 3
    assert elapsed < BUDGET + MARGIN


def test_short_body_then_close_is_unverified(api):
    api.route("GET", "/api/v1/key", fixture("openrouter/key-200-paid", fault="short"))
    result, _ = key_check(api)
    assert result.unverified and "lost" in result.detail


def test_429_with_retry_after_then_success(api):
    api.route("GET", "/api/v1/key", fixture("openrouter/chat-429-rate-limited"), fixture("openrouter/key-200-paid"))
    result, elapsed = key_check(api)
    assert result.ok
    assert len(api.hits) == 2
    assert elapsed >= 0.25  # waited Retry-After (2 s) capped at the test config's 0.3 s


def test_429_forever_ends_as_rate_limited(api):
    api.route("GET", "/api/v1/key", fixture("openrouter/chat-429-rate-limited"))
    result, elapsed = key_check(api)
    assert result.unverified and "429" in result.detail
    assert len(api.hits) == 3 and elapsed < BUDGET + MARGIN


def test_retry_after_longer_than_budget_gives_up_early(api):
    api.route("GET", "/api/v1/key", fixture("openrouter/chat-429-rate-limited"))
    result, elapsed = key_check(api, fast_config(api, retry_after_cap=60.0))
    assert result.unverified and "budget" in result.detail
    assert len(api.hits) == 1 and elapsed < 1.0


@pytest.mark.parametrize("status,retried", [(500, False), (502, True), (503, True), (504, True)])
def test_server_errors(api, status, retried):
    api.route("GET", "/api/v1/key", json_reply({"error": {"code": status, "message": "upstream trouble"}}, status))
    result, elapsed = key_check(api)
    assert result.unverified and not result.ok
    assert str(status) in result.detail
    assert len(api.hits) == (3 if retried else 1)
    assert elapsed < BUDGET + MARGIN


def test_502_then_success(api):
    api.route("GET", "/api/v1/key", Reply(502, b"<html>bad gateway</html>"), fixture("openrouter/key-200-free-tier"))
    result, _ = key_check(api)
    assert result.status == "free-tier"


@pytest.mark.parametrize("body", [b"{not json", b'{"data": {"label": "sk-or-v1-3f2', b"", b"<html>ok</html>",
                                  b'{"data": ' + b"[" * 5000 + b"]" * 5000 + b"}"])  # deeper than json.loads can go
def test_malformed_or_truncated_json_is_unverified(api, body):
    api.route("GET", "/api/v1/key", Reply(200, body))
    result, _ = key_check(api)
    assert result.unverified and "unexpected shape" in result.detail


def test_slow_drip_is_cut_at_the_budget(api):
    # Each byte arrives before the read timeout, so only the total budget can stop it.
    api.route("GET", "/api/v1/key", fixture("openrouter/key-200-paid", fault="drip", delay=0.1))
    result, elapsed = key_check(api)
    assert result.unverified and "timeout" in result.detail
    assert BUDGET - 0.1 <= elapsed < BUDGET + MARGIN


def test_redirect_is_never_followed(api):
    elsewhere = FakeApi()
    try:
        elsewhere.route("GET", "/steal", fixture("openrouter/key-200-paid"))
        api.route("GET", "/api/v1/key", Reply(302, b"", {"Location": elsewhere.url + "/steal"}))
        result, _ = key_check(api)
        assert result.unverified and "redirect" in result.detail
        assert elsewhere.hits == []
    finally:
        elsewhere.close()


def test_allowlist_hook_refuses_any_other_host_even_on_the_raw_client(api):
    other = FakeApi()
    try:
        other.route("GET", "/x", json_reply({}))

        async def run():
            async with Api(fast_config(api)) as client:
                with pytest.raises(HostNotAllowed):
                    await client._client.get(other.url + "/x", headers={"Authorization": f"Bearer {OR_KEY}"})
                # same host and port, but outside the allowed path prefixes
                with pytest.raises(HostNotAllowed):
                    await client._client.get(api.url + "/elsewhere")

        asyncio.run(run())
        assert other.hits == [] and api.hits == []
    finally:
        other.close()


def test_404_on_key_falls_back_to_auth_key(api):
    api.route("GET", "/api/v1/auth/key", fixture("openrouter/key-200-legacy"))
    result, _ = key_check(api)
    assert result.ok and [h.path for h in api.hits] == ["/api/v1/key", "/api/v1/auth/key"]


def test_headers_sent(api):
    api.route("GET", "/api/v1/key", fixture("openrouter/key-200-paid"))
    api.route("GET", "/api/v1/models", fixture("openrouter/model-o3-entry"))

    async def run():
        async with Api(fast_config(api)) as client:
            await checks.check_openrouter_key(client, OR_KEY)
            await checks.fetch_models(client)

    asyncio.run(run())
    key_hit, models_hit = api.hits
    assert key_hit.headers["authorization"] == f"Bearer {OR_KEY}"
    assert key_hit.headers["user-agent"] == USER_AGENT
    assert USER_AGENT.startswith("byok-lsp/") and "(+https://github.com/byok-lsp/byok-lsp)" in USER_AGENT
    assert "authorization" not in models_hit.headers  # the public list gets no key


def test_concurrency_is_capped(api):
    api.route("GET", "/v1/models/o3", fixture("openai/model-o3-200", fault="sleep", delay=0.2))
    cfg = fast_config(api, max_concurrency=2)

    async def session(n):
        async with Api(cfg) as client:
            await asyncio.gather(*(client.request("openai", "GET", "/models/o3", key=f"k{n}{i}") for i in range(3)))

    async def run():  # two sessions (two workspaces) on one loop share the cap
        await asyncio.gather(session(1), session(2))

    asyncio.run(run())
    assert len(api.hits) == 6 and api.max_in_flight <= 2


def test_one_log_line_per_request_without_key(api, debug_logs):
    api.route("GET", "/api/v1/key", Reply(503, b""), fixture("openrouter/key-200-paid"))
    result, _ = key_check(api)
    assert result.ok
    lines = [r.getMessage() for r in debug_logs.records if r.name == "byok_lsp.verify.http"]
    assert lines == [lines[0], lines[1]] and len(lines) == 2
    assert "GET 127.0.0.1/api/v1/key -> 503 in" in lines[0] and lines[1].endswith(" ms")
    assert all(not r.name.startswith(("httpx", "httpcore")) for r in debug_logs.records)
    assert_no_key("\n".join(r.getMessage() + repr(r.args) for r in debug_logs.records))
    assert "authorization" not in debug_logs.text.lower()


def test_endpoint_parsing_is_strict():
    assert Endpoint.parse(OPENROUTER_BASE).base == OPENROUTER_BASE
    assert Endpoint.parse(OPENAI_BASE).base == OPENAI_BASE
    assert Endpoint.parse("http://127.0.0.1:9/api/v1") is not None
    assert Endpoint.parse("http://localhost:9/v1") is not None
    for bad in ("http://openrouter.ai/api/v1", "ftp://openrouter.ai/", "https://user:pw@openrouter.ai/api/v1",
                "https://openrouter.ai/api/v1?x=1", "https://:443/", "not a url", "https://openrouter.ai:99999/"):
        assert Endpoint.parse(bad) is None, bad
    ep = Endpoint.parse(OPENROUTER_BASE)
    assert ep.allows(httpx.URL("https://openrouter.ai/api/v1/key"))
    assert not ep.allows(httpx.URL("https://openrouter.ai.evil.example/api/v1/key"))
    assert not ep.allows(httpx.URL("https://openrouter.ai/api/v10/key"))
    assert not ep.allows(httpx.URL("http://openrouter.ai/api/v1/key"))


def test_bases_only_from_the_process_environment():
    assert VerifyConfig.from_process_env({}).openrouter_base == OPENROUTER_BASE
    cfg = VerifyConfig.from_process_env({"BYOK_LSP_OPENROUTER_API_BASE": "http://127.0.0.1:1234/api/v1",
                                         "BYOK_LSP_OPENAI_API_BASE": "http://evil.example/v1",
                                         "OPENAI_BASE_URL": "http://127.0.0.1:9/v1"})
    assert cfg.openrouter_base == "http://127.0.0.1:1234/api/v1"
    assert cfg.openai_base == OPENAI_BASE  # plain http to another host is refused


def _bomb(decoded: int, encoding: str) -> bytes:
    """``decoded`` zero bytes encoded as ``encoding`` says, first listed first (streamed: the
    decoded answer is never held here)."""
    import zlib

    def packer(name):
        return zlib.compressobj(9, zlib.DEFLATED, zlib.MAX_WBITS | 16 if "gzip" in name else zlib.MAX_WBITS)

    names = [n.strip() for n in encoding.split(",")]
    first = packer(names[0])
    zeros = b"\0" * (1 << 20)
    data = b"".join(first.compress(zeros) for _ in range(decoded // len(zeros))) + first.flush()
    for name in names[1:]:
        p = packer(name)
        data = p.compress(data) + p.flush()
    return data


@pytest.mark.parametrize("encoding", ["gzip, gzip", "gzip", "gzip,gzip,gzip", "deflate, gzip", "gzip, deflate"])
def test_compressed_answer_is_bounded_after_every_layer(api, encoding):
    """Issue 15 item 12: a gzip of a gzip of zeros, a few KB on the wire, decodes to 512 MiB. It
    ends as 'larger than' the body limit, and this process never holds the decoded answer."""
    import tracemalloc

    body = _bomb(512 << 20, encoding)
    assert len(body) < 600_000
    api.route("GET", "/api/v1/key", Reply(200, body, {"Content-Encoding": encoding}))
    tracemalloc.start()
    try:
        result, _ = key_check(api, fast_config(api, budget=30.0, read_timeout=10.0))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert result.unverified and "larger than" in result.detail, result.detail
    assert peak < 64 << 20, f"{peak / 2**20:.0f} MiB held while reading a {len(body)}-byte answer"


def test_compressed_answers_still_read(api):
    import gzip
    import json as _json
    import zlib

    doc = _json.loads((Path(__file__).parent / "fixtures" / "openrouter" / "key-200-paid.json").read_text())
    raw = _json.dumps(doc["body"]).encode()
    for encoding, body in [("gzip", gzip.compress(raw)), ("gzip, gzip", gzip.compress(gzip.compress(raw))),
                           ("deflate", zlib.compress(raw)), ("deflate", zlib.compress(raw)[2:-4]),  # raw deflate
                           ("identity", raw), ("x-gzip", gzip.compress(raw))]:
        api.route("GET", "/api/v1/key", Reply(200, body, {"Content-Encoding": encoding}))
        result, _ = key_check(api)
        assert not result.unverified, (encoding, result.detail)


def test_unknown_encoding_is_refused(api):
    api.route("GET", "/api/v1/key", Reply(200, b"\x00\x01", {"Content-Encoding": "compress"}))
    result, _ = key_check(api)
    assert result.unverified and "compress" in result.detail
