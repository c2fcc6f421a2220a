"""Imports every rule module so that each registers its rules exactly once."""

from . import (  # noqa: F401
    config_rules,
    env,
    online,  # noqa: F401  (BYOK4xx: results of verify/)
    secrets,
    usage,
)
