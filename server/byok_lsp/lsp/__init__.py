"""The language server (pygls). Every module here needs ``lsprotocol.types``, so the package
imports it first, through ``codecache`` (attrs' generated code cached between starts)."""

from .codecache import import_lsprotocol

import_lsprotocol()
