"""The rules: ``registry`` holds them; importing this package imports every rule module, so each
registers its rules exactly once, before any caller reaches ``registry.all_rules`` (Python runs
a package's ``__init__`` before any of its submodules). This used to be ``rules/catalogue.py``,
imported from inside ``registry.all_rules``: the only import cycle of the package.

To add a rule module, import it here. (The model data is ``catalog/``, a different thing.)
"""

from . import (  # noqa: F401
    config_rules,
    env,
    online_rules,  # BYOK4xx: results of verify/, no check of their own
    secrets,
    usage,
)
