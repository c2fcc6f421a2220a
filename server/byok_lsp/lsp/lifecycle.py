"""JSON-RPC envelope checks and the LSP lifecycle, before pygls sees a message.

pygls 2.1 drops, without an answer, a message whose ``jsonrpc`` is not "2.0" and every request
after ``shutdown``; it answers a request before ``initialize`` as if the server were running, and
has no answer at all for a body that is not JSON. A client then waits forever for that id
(issue 15, "Protocol"). ``Lifecycle.admit`` decides, per parsed message, whether it goes on to
pygls or is answered here with the error the JSON-RPC 2.0 and LSP specifications name:

- not JSON → ParseError (-32700), id null (the id cannot be known); not UTF-8 → ParseError with
  the id when the rest of the message is readable;
- not an object, ``jsonrpc`` other than "2.0", a ``method`` that is not a string, an id that is
  neither a number nor a string → InvalidRequest (-32600);
- a request before ``initialize`` → ServerNotInitialized (-32002); notifications then are dropped,
  except ``exit`` (LSP "initialize request");
- a request after ``shutdown`` (a second ``shutdown`` too) or a second ``initialize`` →
  InvalidRequest; notifications after ``shutdown`` other than ``exit`` are dropped.

``exit`` goes to pygls, which exits 0 after ``shutdown`` and 1 without (transport.py passes that
code on as the process's).
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass

log = logging.getLogger(__name__)

PARSE_ERROR = -32700
INVALID_REQUEST = -32600
SERVER_NOT_INITIALIZED = -32002
_NO_ID = object()


@dataclass(frozen=True)
class Refusal:
    """An error answer (``msg_id`` None: id null) or, with ``code`` None, a silent drop."""
    msg_id: object
    code: int | None
    message: str

    def response(self) -> dict:
        return {"jsonrpc": "2.0", "id": self.msg_id, "error": {"code": self.code, "message": self.message}}


def parse_body(body: bytes) -> tuple[dict | None, Refusal | None]:
    """The JSON object of a frame's body, or the answer for a body that is none."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        msg_id = None
        try:
            readable = json.loads(body.decode("utf-8", "replace"))
            if isinstance(readable, dict) and _valid_id(readable.get("id", _NO_ID)):
                msg_id = readable["id"]
        except ValueError:
            pass
        return None, Refusal(msg_id, PARSE_ERROR, f"the message is not valid UTF-8 (byte {body[exc.start]:#04x} "
                                                    f"at offset {exc.start})")
    try:
        message = json.loads(text)
    except ValueError as exc:
        return None, Refusal(None, PARSE_ERROR, f"the message is not JSON: {exc}")
    if not isinstance(message, dict):
        kind = "a batch (array)" if isinstance(message, list) else type(message).__name__
        return None, Refusal(None, INVALID_REQUEST, f"a JSON-RPC message is an object, not {kind}")
    return message, None


def _valid_id(msg_id) -> bool:
    return isinstance(msg_id, (int, str)) and not isinstance(msg_id, bool)


class Lifecycle:
    def __init__(self) -> None:
        self.initialized = False  # an initialize request was admitted
        self.shut_down = False  # a shutdown request was admitted

    def admit(self, message: dict) -> Refusal | None:
        """None: hand the message to pygls. A Refusal: answer it (or drop it) instead."""
        msg_id = message.get("id", _NO_ID)
        has_id = msg_id is not _NO_ID
        answer_id = msg_id if has_id and _valid_id(msg_id) else None
        if message.get("jsonrpc") != "2.0":
            return Refusal(answer_id, INVALID_REQUEST, f"jsonrpc must be \"2.0\", not {message.get('jsonrpc')!r}")
        method = message.get("method", _NO_ID)
        if method is _NO_ID:  # a response to one of our requests
            if has_id and ("result" in message or "error" in message):
                return None
            return Refusal(answer_id, INVALID_REQUEST, "neither a request, a notification nor a response")
        if not isinstance(method, str):
            return Refusal(answer_id, INVALID_REQUEST, "method must be a string")
        if has_id and not _valid_id(msg_id):
            return Refusal(None, INVALID_REQUEST, f"a request id is a number or a string, not {msg_id!r}")
        if not has_id:
            return self._notification(method)
        return self._request(msg_id, method)

    def _request(self, msg_id, method: str) -> Refusal | None:
        if self.shut_down:
            return Refusal(msg_id, INVALID_REQUEST, f"{method}: the server is shut down (only 'exit' is accepted)")
        if not self.initialized:
            if method == "initialize":
                self.initialized = True
                return None
            return Refusal(msg_id, SERVER_NOT_INITIALIZED, f"{method}: the server is not initialized")
        if method == "initialize":
            return Refusal(msg_id, INVALID_REQUEST, "initialize: the server is already initialized")
        if method == "shutdown":
            self.shut_down = True
        return None

    def _notification(self, method: str) -> Refusal | None:
        if method == "exit":
            return None
        if self.shut_down or not self.initialized:
            log.info("dropped the notification %s: the server is %s", method,
                     "shut down" if self.shut_down else "not initialized")
            return Refusal(None, None, "dropped")
        return None
