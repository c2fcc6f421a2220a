"""The language server (pygls). Every module here needs ``lsprotocol.types``, so the package
imports it first, through ``codecache`` (generated code cached between starts)."""

import gc

from .codecache import import_lsprotocol, install_runtime_hooks

import_lsprotocol()
install_runtime_hooks()  # before byok-lsp's own modules: their dataclasses come from the cache too
# Those ~570 classes and their ~40,000 objects live as long as the process, yet every full
# collection would walk them again: ~25 ms of the first second, and again at each later one.
# Freezing moves them out of the collector's sight; collecting the young generations first
# keeps the cyclic garbage of the import (attrs' discarded pre-slots classes) out of the freeze.
gc.collect(1)
gc.freeze()
