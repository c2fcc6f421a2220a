"""Imports every rule module so that each registers its rules exactly once."""

from . import config_rules, env, secrets, usage  # noqa: F401
from . import online  # noqa: F401  (BYOK4xx: results of verify/)
