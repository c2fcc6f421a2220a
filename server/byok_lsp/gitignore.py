""".gitignore patterns as pathspec matchers that cannot backtrack catastrophically.

Shared by the walk (``walk.py``: which files ``check`` reads) and the workspace
(``workspace.py``: whether a .env is ignored by git); neither imports the other for it.
"""

from __future__ import annotations

import functools


def gitignore_spec(lines: list[str]):
    """pathspec's GitIgnoreSpec for ``lines``, matched without catastrophic backtracking.

    pathspec turns each ``*`` of a pattern into ``[^/]*``: ``*a*a*a*a*a*a*a*a*a*a*b`` against a
    40-character name tried every way to split the name (33 s; 12 stars: over a minute). In a
    segment ``c0*c1*…*ck`` (the ``ci`` without stars, so of fixed length), a match may take each
    middle ``ci`` at its leftmost place: that leaves the most room for the rest. So each middle
    star becomes an atomic, lazy ``(?>[^/]*?ci)``, committed to the leftmost ``ci``, and only the
    last star (which must end the segment) backtracks: a segment costs O(length × pattern)."""
    import pathspec

    return pathspec.GitIgnoreSpec.from_lines(lines, pattern_factory=_safe_pattern())


@functools.cache
def _safe_pattern():
    from pathspec.patterns.gitignore.spec import GitIgnoreSpecPattern

    class SafeGitIgnorePattern(GitIgnoreSpecPattern):
        @classmethod
        def _translate_segment_glob(cls, pattern, range_error):
            regex = super()._translate_segment_glob(pattern, range_error)
            chunks = regex.split("[^/]*")  # a star; literals come escaped, so never this text
            if len(chunks) <= 2:
                return regex
            middle = "".join(f"(?>[^/]*?{chunk})" for chunk in chunks[1:-1])
            return f"{chunks[0]}{middle}[^/]*{chunks[-1]}"

    return SafeGitIgnorePattern
