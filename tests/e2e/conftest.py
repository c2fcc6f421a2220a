"""End-to-end tests over stdio with pytest-lsp: one server process per test, each in a temporary
project written by the test (helpers in ``lsp_e2e.py``).

``client`` starts ``python -m byok_lsp`` and answers the requests a real editor answers
(``client/registerCapability``, ``workspace/applyEdit``); each test initializes it with the
capabilities it wants through ``lsp_e2e.start``.
"""

from __future__ import annotations

import pytest_lsp
from lsp_e2e import SERVER
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

# ----- the client ---------------------------------------------------------------------------------
CONFIG = ClientServerConfig(server_command=SERVER)


def prepare(lsp_client: LanguageClient) -> None:
    """Answer what a real editor answers and record what the server sends."""
    lsp_client.registrations = []
    lsp_client.applied_edits = []
    lsp_client.on_apply_edit = None
    lsp_client.status_notifications = []
    lsp_client.published_versions = {}
    lsp_client.published = []

    # Keep pytest-lsp's own bookkeeping (client.diagnostics) and also record each version.
    features = lsp_client.protocol.fm.features
    record_diagnostics = features[types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS]

    def publish_diagnostics(params: types.PublishDiagnosticsParams):
        lsp_client.published.append(params)
        lsp_client.published_versions[params.uri] = params.version
        return record_diagnostics(params)

    features[types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS] = publish_diagnostics

    # lsprotocol 2025.0.0 structures every result item holding a "command" key as a Command, so a
    # CodeAction that runs a command would arrive as a broken Command. Editors tell them apart by
    # the type of "command" (a string in Command, an object in CodeAction); so does this hook.
    converter = lsp_client.protocol._converter

    def command_or_action(obj, _type):
        if isinstance(obj.get("command"), str):
            return converter.structure(obj, types.Command)
        return converter.structure(obj, types.CodeAction)

    converter.register_structure_hook(types.Command | types.CodeAction, command_or_action)

    @lsp_client.feature(types.CLIENT_REGISTER_CAPABILITY)
    def register_capability(params: types.RegistrationParams):
        lsp_client.registrations.extend(params.registrations)

    @lsp_client.feature(types.WORKSPACE_APPLY_EDIT)
    def apply_edit(params: types.ApplyWorkspaceEditParams):
        lsp_client.applied_edits.append(params.edit)
        if lsp_client.on_apply_edit is not None:  # a test that plays an editor writing the files
            lsp_client.on_apply_edit(params.edit)
        return types.ApplyWorkspaceEditResult(applied=True)

    @lsp_client.feature("byok-lsp/status")
    def status(params):
        lsp_client.status_notifications.append(params)


@pytest_lsp.fixture(config=CONFIG)
async def client(lsp_client: LanguageClient):
    """A fresh server per test."""
    prepare(lsp_client)
    yield
    await lsp_client.shutdown_session()


@pytest_lsp.fixture(config=CONFIG, scope="module")
async def module_client(lsp_client: LanguageClient):
    """One server for a whole module (its tests run in the module's event loop)."""
    prepare(lsp_client)
    yield
    await lsp_client.shutdown_session()
