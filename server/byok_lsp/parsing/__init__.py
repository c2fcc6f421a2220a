"""Text → facts with positions. No rules, no I/O beyond what the caller hands in."""
