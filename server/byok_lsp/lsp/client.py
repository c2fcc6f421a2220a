"""What the connected client supports, read once from its ``initialize`` capabilities."""

from __future__ import annotations

from dataclasses import dataclass

from lsprotocol import types
from pygls.capabilities import get_capability


@dataclass(frozen=True)
class ClientSupport:
    pull: bool = False  # textDocument/diagnostic: never publish, answer pulls
    refresh: bool = False  # workspace/diagnostic/refresh
    resolve_edit: bool = False  # codeAction/resolve may fill in `edit`
    document_changes: bool = False  # WorkspaceEdit.documentChanges (versioned edits)
    create_files: bool = False  # CreateFile inside documentChanges
    show_document: bool = False  # window/showDocument
    apply_edit: bool = False  # workspace/applyEdit
    markdown_hover: bool = False
    configuration: bool = False  # workspace/configuration
    watched_files_dynamic: bool = False  # client/registerCapability for didChangeWatchedFiles
    configuration_dynamic: bool = False  # client/registerCapability for didChangeConfiguration
    code_action_literals: bool = True  # CodeAction objects (not only Command) in results

    @classmethod
    def from_capabilities(cls, caps: types.ClientCapabilities | None) -> ClientSupport:
        if caps is None:
            return cls()

        def get(path: str, default=None):
            return get_capability(caps, path, default)

        resolve = get("text_document.code_action.resolve_support.properties", []) or []
        operations = get("workspace.workspace_edit.resource_operations", []) or []
        hover_formats = get("text_document.hover.content_format", []) or []
        return cls(
            pull=get("text_document.diagnostic") is not None,
            refresh=bool(get("workspace.diagnostics.refresh_support", False)),
            resolve_edit="edit" in resolve,
            # Neovim 0.7-0.11 apply documentChanges but announce only resourceOperations.
            document_changes=bool(get("workspace.workspace_edit.document_changes", False)) or bool(operations),
            create_files=types.ResourceOperationKind.Create in operations or "create" in operations,
            show_document=bool(get("window.show_document.support", False)),
            apply_edit=bool(get("workspace.apply_edit", False)),
            markdown_hover=types.MarkupKind.Markdown in hover_formats or "markdown" in hover_formats,
            configuration=bool(get("workspace.configuration", False)),
            watched_files_dynamic=bool(get("workspace.did_change_watched_files.dynamic_registration", False)),
            configuration_dynamic=bool(get("workspace.did_change_configuration.dynamic_registration", False)),
            code_action_literals=get("text_document.code_action.code_action_literal_support") is not None
            or get("text_document.code_action") is None,
        )
