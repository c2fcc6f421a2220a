"""The one HTTP client of byok-lsp: allowlisted hosts, bounded time, bounded retries, no key in logs.

Every online check goes through ``Api.request``. The rules that keep a user's key safe live here
and nowhere else:

- Keys go only to OpenRouter (``https://openrouter.ai/api/v1``) and OpenAI
  (``https://api.openai.com/v1``), or to bases named by the *process* environment variables
  ``BYOK_LSP_OPENROUTER_API_BASE`` / ``BYOK_LSP_OPENAI_API_BASE`` (tests point them at 127.0.0.1).
  Nothing read from a workspace (``.env``, code, configs) can change where a key is sent. The
  allowlist is enforced in a request event hook, the last step before httpx sends, and redirects
  are never followed.
- Time is bounded: connect and read timeouts per attempt, and a total budget per request that
  covers retries and answers trickled byte by byte. Size is bounded: ``max_body_bytes`` on the
  wire and after every Content-Encoding layer (``decoding.py``).
- Retries: at most ``retries`` more attempts, for 429/502/503/504 and connection failures,
  with exponential backoff that honours ``Retry-After`` (capped). A request that may cost money
  (``idempotent=False``) is retried only when it surely did not run (429, connect failure).
- One log line per attempt: method, host, path, status, milliseconds. Never a key, never a header.
"""

from __future__ import annotations

import asyncio
import functools
import ipaddress
import json
import logging
import os
import ssl
import time
import weakref
import zlib
from dataclasses import dataclass, field, replace
from urllib.parse import urlsplit

import httpx

from .. import __version__
from .decoding import ACCEPT_ENCODING, BoundedDecoder, TooLarge, UnsupportedEncoding

log = logging.getLogger(__name__)

# httpcore's DEBUG trace prints request/response header tuples; httpx's INFO line prints URLs.
# Neither must ever run inside byok-lsp, whatever level the root logger is set to.
for _name in ("httpx", "httpcore"):
    logging.getLogger(_name).setLevel(logging.WARNING)

OPENROUTER_BASE = "https://openrouter.ai/api/v1"
OPENAI_BASE = "https://api.openai.com/v1"
ENV_OPENROUTER_BASE = "BYOK_LSP_OPENROUTER_API_BASE"
ENV_OPENAI_BASE = "BYOK_LSP_OPENAI_API_BASE"
USER_AGENT = f"byok-lsp/{__version__} (+https://github.com/byok-lsp/byok-lsp)"
RETRY_STATUSES = frozenset({429, 502, 503, 504})
SERVICES = ("openrouter", "openai")


@functools.cache
def _tls() -> ssl.SSLContext:
    """One verified TLS context per process (building one loads the CA bundle: ~80 ms each time)."""
    return httpx.create_ssl_context(trust_env=True)


_SEMAPHORES: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _shared_semaphore(limit: int) -> asyncio.Semaphore:
    """One cap per event loop (the server has one), shared by every Api session on it."""
    loop = asyncio.get_running_loop()
    held = _SEMAPHORES.get(loop)
    if held is None or held[0] != limit:
        held = _SEMAPHORES[loop] = (limit, asyncio.Semaphore(max(1, limit)))
    return held[1]


class HostNotAllowed(Exception):
    """Raised by the request hook when a request would leave the allowlist."""


@dataclass(frozen=True)
class Endpoint:
    """An allowed base URL: scheme, host, port and path prefix must all match."""

    scheme: str
    host: str
    port: int
    path: str  # without trailing slash

    @classmethod
    def parse(cls, url: str) -> Endpoint | None:
        """The endpoint for ``url``, or None when it is not a base we would send a key to."""
        try:
            parts = urlsplit(url.strip())
            port = parts.port
        except ValueError:
            return None
        host = (parts.hostname or "").lower()
        if parts.scheme not in ("https", "http") or not host or parts.username or parts.password:
            return None
        if parts.query or parts.fragment:
            return None
        if parts.scheme == "http" and not _is_loopback(host):
            return None  # plain http only to this machine (tests, a local fake API)
        port = port or (443 if parts.scheme == "https" else 80)
        return cls(parts.scheme, host, port, parts.path.rstrip("/"))

    def allows(self, url: httpx.URL) -> bool:
        port = url.port or (443 if url.scheme == "https" else 80)
        path = url.path
        return (url.scheme == self.scheme and url.host.lower() == self.host and port == self.port
                and (path == self.path or path.startswith(self.path + "/")))

    @property
    def base(self) -> str:
        default = 443 if self.scheme == "https" else 80
        netloc = f"[{self.host}]" if ":" in self.host else self.host
        if self.port != default:
            netloc += f":{self.port}"
        return f"{self.scheme}://{netloc}{self.path}"


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@dataclass(frozen=True)
class VerifyConfig:
    """Where and how patiently to ask. Bases come only from the process environment or code."""

    openrouter_base: str = OPENROUTER_BASE
    openai_base: str = OPENAI_BASE
    connect_timeout: float = 3.0
    read_timeout: float = 8.0
    budget: float = 15.0  # seconds for one request, all attempts and waits included
    retries: int = 2
    backoff: float = 0.5  # first wait between attempts; doubles each time
    retry_after_cap: float = 5.0
    max_concurrency: int = 4
    max_body_bytes: int = 8_000_000  # /api/v1/models is a few hundred KB
    cache_ttl: float = 600.0

    @classmethod
    def from_process_env(cls, environ: dict[str, str] | None = None, **overrides) -> VerifyConfig:
        """Defaults, with base overrides from the process environment (never a workspace file)."""
        environ = os.environ if environ is None else environ
        cfg = cls(**overrides)
        for var, attr in ((ENV_OPENROUTER_BASE, "openrouter_base"), (ENV_OPENAI_BASE, "openai_base")):
            value = environ.get(var, "").strip()
            if not value:
                continue
            if Endpoint.parse(value) is None:
                log.warning("ignoring %s: not an https URL (plain http only to localhost)", var)
                continue
            cfg = replace(cfg, **{attr: value})
        return cfg

    def endpoint(self, service: str) -> Endpoint:
        url = self.openrouter_base if service == "openrouter" else self.openai_base
        ep = Endpoint.parse(url)
        if ep is None:  # only reachable when code builds a bad config by hand
            raise ValueError(f"not an allowed base URL for {service}")
        return ep


@dataclass
class Reply:
    """What came back. ``failure`` says why there is no usable answer (then trust nothing else)."""

    status: int | None = None
    headers: dict[str, str] = field(default_factory=dict)  # lower-case names
    body: object = None  # parsed JSON, or None when the body was not JSON
    text: str = ""  # the body text, cut to 4000 characters, for matching error messages
    failure: str | None = None
    attempts: int = 0
    seconds: float = 0.0

    def error_message(self) -> str:
        """``error.message`` of an OpenRouter/OpenAI error envelope, or ""."""
        err = self.body.get("error") if isinstance(self.body, dict) else None
        if isinstance(err, dict) and isinstance(err.get("message"), str):
            return err["message"]
        if isinstance(err, str):
            return err
        return ""

    def error_code(self) -> str:
        err = self.body.get("error") if isinstance(self.body, dict) else None
        code = err.get("code") if isinstance(err, dict) else None
        return str(code) if code is not None else ""


class _Retry(Exception):
    def __init__(self, reason: str, wait: float | None = None):
        super().__init__(reason)
        self.reason = reason
        self.wait = wait


class Api:
    """An async session. ``async with Api(cfg) as api: await api.request(...)``."""

    def __init__(self, config: VerifyConfig):
        self.config = config
        self._allowed = tuple(config.endpoint(s) for s in SERVICES)
        self._semaphore: asyncio.Semaphore | None = None
        self._client: httpx.AsyncClient | None = None

    async def __aenter__(self) -> Api:
        cfg = self.config
        self._semaphore = _shared_semaphore(cfg.max_concurrency)
        self._client = httpx.AsyncClient(
            timeout=httpx.Timeout(connect=cfg.connect_timeout, read=cfg.read_timeout,
                                  write=cfg.read_timeout, pool=cfg.budget),
            follow_redirects=False,
            verify=_tls(),
            headers={"User-Agent": USER_AGENT, "Accept": "application/json", "Accept-Encoding": ACCEPT_ENCODING},
            event_hooks={"request": [self._guard]},
            # Proxy and CA settings from the process environment are the user's to make (httpx
            # reads no ~/.netrc since 0.24); the allowlist hook still sees the real target URL.
            trust_env=True,
        )
        return self

    async def __aexit__(self, *exc) -> None:
        if self._client is not None:
            await self._client.aclose()
            self._client = None

    async def _guard(self, request: httpx.Request) -> None:
        if not any(ep.allows(request.url) for ep in self._allowed):
            raise HostNotAllowed(f"refused to send a request to {request.url.host} (not an allowed API host)")

    async def request(self, service: str, method: str, path: str, *, key: str | None = None,
                      params: dict | None = None, json_body: dict | None = None,
                      idempotent: bool = True) -> Reply:
        """One call to ``service`` ("openrouter" or "openai"), never raising, within the budget."""
        url = self.config.endpoint(service).base + path
        started = time.monotonic()
        reply = Reply()
        try:
            await asyncio.wait_for(self._attempts(reply, method, url, key, params, json_body, idempotent, started),
                                   timeout=self.config.budget)
        except asyncio.TimeoutError:
            reply = Reply(failure=f"timeout (no complete answer within {self.config.budget:g} s)",
                          attempts=reply.attempts, status=None)
        except HostNotAllowed as exc:
            reply = Reply(failure=str(exc), attempts=reply.attempts)
        except Exception as exc:  # never let a network oddity take the editor down
            log.warning("online check failed unexpectedly: %s", type(exc).__name__)
            reply = Reply(failure=f"unexpected error ({type(exc).__name__})", attempts=reply.attempts)
        reply.seconds = time.monotonic() - started
        return reply

    async def _attempts(self, reply: Reply, method, url, key, params, json_body, idempotent, started) -> None:
        cfg = self.config
        for attempt in range(cfg.retries + 1):
            reply.attempts = attempt + 1
            try:
                got = await self._once(method, url, key, params, json_body, idempotent)
            except _Retry as retry:
                if attempt >= cfg.retries:
                    reply.failure = retry.reason
                    return
                wait = retry.wait if retry.wait is not None else cfg.backoff * (2 ** attempt)
                if time.monotonic() - started + wait >= cfg.budget:
                    reply.failure = f"{retry.reason}; not retrying (would exceed the {cfg.budget:g} s budget)"
                    return
                await asyncio.sleep(wait)
                continue
            reply.status, reply.headers, reply.body, reply.text, reply.failure = (
                got.status, got.headers, got.body, got.text, got.failure)
            return

    async def _once(self, method, url, key, params, json_body, idempotent) -> Reply:
        assert self._client is not None and self._semaphore is not None, "use Api as an async context manager"
        headers = {"Authorization": f"Bearer {key}"} if key else {}
        u = httpx.URL(url)
        async with self._semaphore:
            t0 = time.monotonic()
            outcome = "error"
            try:
                request = self._client.build_request(method, url, params=params, json=json_body, headers=headers)
                try:
                    response = await self._client.send(request, stream=True)
                except (httpx.ConnectError, httpx.ConnectTimeout) as exc:
                    outcome = "connect-failed"
                    raise _Retry(f"could not connect to {u.host} ({_reason(exc)})") from None
                except httpx.TimeoutException:
                    outcome = "timeout"
                    return Reply(failure=f"timeout (no answer from {u.host} within {self.config.read_timeout:g} s)")
                except (httpx.ReadError, httpx.WriteError, httpx.RemoteProtocolError) as exc:
                    outcome = "connection-lost"
                    if idempotent:
                        raise _Retry(f"connection to {u.host} lost ({_reason(exc)})") from None
                    return Reply(failure=f"connection to {u.host} lost ({_reason(exc)})")
                try:
                    outcome = str(response.status_code)
                    if response.status_code in RETRY_STATUSES and (idempotent or response.status_code == 429):
                        raise _Retry(f"HTTP {response.status_code} from {u.host}", self._retry_after(response))
                    return await self._read(response, u.host, idempotent)
                finally:
                    await response.aclose()
            finally:
                # host, path (no query), status, milliseconds: never a key, never a header
                log.info("%s %s%s -> %s in %d ms", method, u.host, u.path, outcome, (time.monotonic() - t0) * 1000)

    def _retry_after(self, response: httpx.Response) -> float | None:
        value = response.headers.get("retry-after", "").strip()
        try:
            seconds = float(value)
        except ValueError:
            return None  # HTTP-date or junk: use our own backoff
        return max(0.0, min(seconds, self.config.retry_after_cap))

    async def _read(self, response: httpx.Response, host: str, idempotent: bool) -> Reply:
        # The raw bytes, decoded here with a bound on every Content-Encoding layer (decoding.py):
        # httpx's own decoding of "gzip, gzip" turned a 1.8 KB answer into gigabytes at once.
        limit = self.config.max_body_bytes
        try:
            decoder = BoundedDecoder(response.headers.get("content-encoding"), limit)
        except UnsupportedEncoding as exc:
            return Reply(status=response.status_code, failure=f"answer from {host} in an unsupported {exc}")
        chunks = []
        try:
            async for chunk in response.aiter_raw():
                chunks.append(decoder.feed(chunk))
            chunks.append(decoder.flush())
        except TooLarge as exc:
            return Reply(status=response.status_code, failure=f"answer from {host} larger than {limit} bytes ({exc})")
        except zlib.error as exc:
            return Reply(status=response.status_code, failure=f"answer from {host} could not be decoded ({exc})")
        except httpx.TimeoutException:
            return Reply(status=response.status_code,
                         failure=f"timeout (answer from {host} stalled for {self.config.read_timeout:g} s)")
        except (httpx.ReadError, httpx.RemoteProtocolError) as exc:
            if idempotent:
                raise _Retry(f"connection to {host} lost while reading the answer ({_reason(exc)})") from None
            return Reply(status=response.status_code, failure=f"connection to {host} lost while reading the answer")
        raw = b"".join(chunks)
        text = raw[:4000].decode("utf-8", "replace")
        try:
            body = json.loads(raw) if raw.strip() else None
        except (ValueError, RecursionError):  # not JSON, or nested deeper than json can follow
            body = None
        headers = {k.lower(): v for k, v in response.headers.items()}
        return Reply(status=response.status_code, headers=headers, body=body, text=text)


def _reason(exc: BaseException) -> str:
    """A short cause without URLs or headers, from the exception chain's types and errno texts."""
    import socket
    import ssl

    seen, chain = set(), []
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        chain.append(exc)
        exc = exc.__cause__ or exc.__context__
    for e in chain:
        if isinstance(e, ConnectionRefusedError):
            return "connection refused"
        if isinstance(e, ConnectionResetError):
            return "connection reset"
        if isinstance(e, socket.gaierror):
            return "host not found"
        if isinstance(e, ssl.SSLError):
            return "TLS problem"
    text = " ".join(str(e).lower() for e in chain)
    for needle, short in (("refused", "connection refused"), ("reset", "connection reset"),
                          ("name or service", "host not found"), ("certificate", "TLS certificate problem"),
                          ("peer closed", "closed early"), ("incomplete", "answer incomplete")):
        if needle in text:
            return short
    return type(chain[0]).__name__ if chain else "unknown error"
