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

``positionEncoding`` in ``initializationOptions`` (``"utf-8"``, ``"utf-16"``, ``"utf-32"``) stands
for a client that cannot negotiate one: Vim's ALE sends and applies byte columns but lists no
``general.positionEncodings``. It is read before pygls picks the encoding, so the documents'
incremental sync, diagnostics, hover and code-action edits all use it, and the initialize answer
announces it.
"""

from __future__ import annotations

import functools
import logging

from cattrs import Converter
from lsprotocol import types
from pygls.exceptions import JsonRpcException, JsonRpcInvalidParams
from pygls.protocol import LanguageServerProtocol, default_converter
from pygls.protocol.language_server import lsp_method

log = logging.getLogger(__name__)


@functools.cache
def converter() -> Converter:
    return default_converter()


ENCODINGS = {"utf-8": types.PositionEncodingKind.Utf8, "utf-16": types.PositionEncodingKind.Utf16,
             "utf-32": types.PositionEncodingKind.Utf32}


def forced_encoding(options) -> types.PositionEncodingKind | None:
    """The encoding ``initializationOptions.positionEncoding`` asks for (also under ``settings``)."""
    if not isinstance(options, dict):
        return None
    value = options.get("positionEncoding")
    if value is None and isinstance(options.get("settings"), dict):
        value = options["settings"].get("positionEncoding")
    if value is None:
        return None
    kind = ENCODINGS.get(value.lower()) if isinstance(value, str) else None
    if kind is None:
        log.warning("positionEncoding %r is not one of utf-8, utf-16, utf-32: negotiating as usual", value)
    return kind


class ByokProtocol(LanguageServerProtocol):
    @lsp_method(types.INITIALIZE)
    def lsp_initialize(self, params: types.InitializeParams):
        kind = forced_encoding(params.initialization_options)
        if kind is not None:  # as if the client had listed only this one: pygls picks and announces it
            if params.capabilities.general is None:
                params.capabilities.general = types.GeneralClientCapabilities()
            params.capabilities.general.position_encodings = [kind]
        return (yield from super().lsp_initialize(params))

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
