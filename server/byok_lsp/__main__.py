"""``python -m byok_lsp``: the language server on stdio (or any CLI subcommand)."""

import sys

from .cli import main

sys.exit(main())
