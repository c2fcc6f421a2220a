"""The JSON-RPC protocol, with one fix to pygls 2.1: a request whose params cannot be read gets an
answer.

pygls structures each incoming message before dispatching it; when a request's params do not fit
the LSP types (``"position": {"line": "a"}``), it logs "Unable to deserialize message" and drops
the request, so the client waits for an answer that never comes. Here such a request is answered
with ``InvalidParams`` (-32602) first; pygls then logs and skips it as before.

``converter()`` is the one cattrs converter of the process: pygls reads and writes messages with
it, and ``diagnostics`` / ``code_actions`` convert ``data`` payloads with it (building a second one
cost ~20 ms of start-up; pygls only adds structure hooks for its JSON-RPC envelopes, so LSP types
convert the same either way).
"""

from __future__ import annotations

import functools
import logging

from cattrs import Converter
from pygls.exceptions import JsonRpcException, JsonRpcInvalidParams
from pygls.protocol import LanguageServerProtocol, default_converter

log = logging.getLogger(__name__)


@functools.cache
def converter() -> Converter:
    return default_converter()


class ByokProtocol(LanguageServerProtocol):
    def structure_message(self, data):
        try:
            return super().structure_message(data)
        except JsonRpcException:
            if isinstance(data, dict) and "method" in data and "error" not in data and "result" not in data \
                    and isinstance(data.get("id"), (int, str)) and not isinstance(data.get("id"), bool):
                log.warning("answered %s with InvalidParams: its params do not match the LSP types", data["method"])
                error = JsonRpcInvalidParams(f"invalid params for {data['method']}")
                self._send_response(data["id"], None, error.to_response_error())
            raise
