"""The language server (pygls). Every module here needs ``lsprotocol.types``, so the package
imports it first, through ``codecache`` (attrs' generated code cached between starts)."""

import gc

from .codecache import import_lsprotocol

import_lsprotocol()
# Those ~570 classes and their ~40,000 objects live as long as the process, yet every full
# collection would walk them again: ~25 ms of the first second, and again at each later one.
# Freezing moves them out of the collector's sight; collecting the young generations first
# keeps the cyclic garbage of the import (attrs' discarded pre-slots classes) out of the freeze.
gc.collect(1)
gc.freeze()
