"""The shipped catalogue: gated models, OpenAI access rules, upstream errors and setup steps.

Everything here is data loaded from the TOML files beside this module, each with an as-of date
and sources, so that a change in OpenRouter's or OpenAI's policy is a data edit, not a code edit.
"""

from __future__ import annotations

import datetime
import functools
import os
import re
import sys
from dataclasses import dataclass
from importlib import resources

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib


@dataclass(frozen=True)
class AccessRule:
    id: str
    min_tier: int
    verified_unlocks: bool
    stream_needs_verification: bool
    summary: str
    sources: tuple[str, ...]
    checked: str
    max_age_days: int = 365

    def certainty(self, today: datetime.date | None = None) -> str:
        """"certain" while ``checked`` is younger than max_age_days, else "stale": a finding that
        rests on a stale rule is information at most."""
        age = ((today or catalog_today()) - datetime.date.fromisoformat(self.checked)).days
        return "certain" if age <= self.max_age_days else "stale"

    def reachable(self, tier: int | None, verified: bool | None) -> bool | None:
        """Can an organisation with this tier/verification use the model? None when unknown."""
        if tier is not None and tier >= self.min_tier:
            return True
        if verified and self.verified_unlocks:
            return True
        if tier is None or (verified is None and self.verified_unlocks):
            return None
        return False


@dataclass(frozen=True)
class ModelEntry:
    slug: str  # OpenRouter slug, e.g. "openai/o3"
    byok: str  # "required" | "no" | "unknown"
    access: AccessRule
    alternatives: tuple[str, ...]
    forms: tuple[str, ...]
    checked: str
    sources: tuple[str, ...]
    note: str
    contradicted: str = ""  # date of a later public source that disagrees ("" = none known)
    contradicted_by: tuple[str, ...] = ()
    snapshots: tuple[str, ...] = ()  # dated OpenRouter slugs of this model, e.g. "openai/o3-2025-04-16"
    max_age_days: int = 365

    @property
    def openai_id(self) -> str:
        """The id OpenAI itself uses: the slug without the "openai/" vendor prefix."""
        return self.slug.split("/", 1)[1]

    @property
    def gated(self) -> bool:
        return self.byok == "required"

    def age_days(self, today: datetime.date | None = None) -> int:
        return ((today or catalog_today()) - datetime.date.fromisoformat(self.checked)).days

    def certainty(self, today: datetime.date | None = None) -> str:
        """"certain" (fresh, uncontradicted), "contradicted", "stale" (older than max_age_days),
        or "unknown" (byok = "unknown"). Only a certain entry may carry a warning."""
        if self.byok == "unknown":
            return "unknown"
        if self.contradicted:
            return "contradicted"
        if self.age_days(today) > self.max_age_days:
            return "stale"
        return "certain"

    def why_uncertain(self, today: datetime.date | None = None) -> str:
        """A short clause for messages: why this entry is not certain ("" when it is)."""
        state = self.certainty(today)
        if state == "contradicted":
            return f"BYOK for {self.slug} was required on {self.checked}, but a {self.contradicted} source shows it answering"
        if state == "stale":
            return f"byok-lsp's record for {self.slug} is {self.age_days(today)} days old (checked {self.checked})"
        if state == "unknown":
            return f"no source says whether {self.slug} needs BYOK"
        return ""


@dataclass(frozen=True)
class ModelMatch:
    """A string that names a catalogued model, and how it was spelled.

    ``form`` tells the provider the spelling implies:
      - "openrouter-slug": ``openai/o3`` (OpenRouter's own id; LiteLLM also reads it as direct OpenAI)
      - "litellm-openrouter": ``openrouter/openai/o3`` (LiteLLM, certainly via OpenRouter)
      - "prefixed-openrouter": ``openrouter:openai/o3`` (pydantic-ai and similar)
      - "prefixed-openai": ``openai:o3`` (LangChain's init_chat_model, pydantic-ai: direct OpenAI)
      - "bare": ``o3`` (OpenAI's own id: wrong for OpenRouter)
      - "openrouter-bare": ``openrouter/o3`` (OpenRouter's prefix with OpenAI's id: always wrong)
    """

    entry: ModelEntry
    form: str
    text: str
    snapshot: str = ""  # the dated suffix written ("2025-04-16"), if any
    spelling: str = ""  # the vendor-qualified id the text names, lower-case ("openai/o3-mini-high")

    def openrouter_id(self) -> str | None:
        """OpenRouter's id for exactly the model written, or None when OpenRouter has none
        (a dated snapshot OpenRouter does not serve): a safe fix may only use this."""
        if not self.snapshot:
            return self.spelling or self.entry.slug
        # (a snapshot with a routing variant, "o3-2025-04-16:nitro", keeps no variant: rare enough)
        dated = f"{self.spelling}-{self.snapshot}"
        return dated if dated in self.entry.snapshots else None


@dataclass(frozen=True)
class UpstreamError:
    id: str
    status: int
    pattern: re.Pattern[str]
    title: str
    cause: str
    fix: str
    steps: tuple[str, ...]
    sources: tuple[str, ...]
    pasted: re.Pattern[str] | None = None  # the provider's full phrase (errors.toml): a pasted error, not a handler
    action: str = ""  # the fix in a few words, for one-line messages

    def is_pasted(self, text: str) -> bool:
        return (self.pasted or self.pattern).search(text) is not None


@dataclass(frozen=True)
class SetupStep:
    id: str
    title: str
    url: str


@dataclass(frozen=True)
class Catalog:
    as_of: str
    models: tuple[ModelEntry, ...]
    access: dict[str, AccessRule]
    errors: tuple[UpstreamError, ...]
    steps: dict[str, SetupStep]
    links: dict[str, str]

    def model(self, slug: str) -> ModelEntry | None:
        return _index(self).get(slug.lower())

    def lookup(self, text: str) -> ModelMatch | None:
        return lookup_model(text, self)

    def match_error(self, text: str) -> UpstreamError | None:
        for err in self.errors:
            if err.pattern.search(text):
                return err
        return None

    def gated_slugs(self) -> list[str]:
        return [m.slug for m in self.models if m.byok != "no"]


def catalog_today() -> datetime.date:
    """The date entries' ages are measured against: today, or BYOK_LSP_TODAY (YYYY-MM-DD) so that
    tests and benchmark runs give the same answer on any day."""
    fixed = os.environ.get("BYOK_LSP_TODAY")
    if fixed:
        try:
            return datetime.date.fromisoformat(fixed)
        except ValueError:
            pass
    return datetime.date.today()


def _load_toml(name: str) -> dict:
    return tomllib.loads(resources.files(__package__).joinpath(name).read_text(encoding="utf-8"))


@functools.cache
def load() -> Catalog:
    models_doc = _load_toml("models.toml")
    access = {
        key: AccessRule(
            id=key,
            min_tier=int(v["min_tier"]),
            verified_unlocks=bool(v["verified_unlocks"]),
            stream_needs_verification=bool(v["stream_needs_verification"]),
            summary=v["summary"],
            sources=tuple(v.get("sources", ())),
            checked=v["checked"],
            max_age_days=int(models_doc.get("max_age_days", 365)),
        )
        for key, v in models_doc["access"].items()
    }
    models = tuple(
        ModelEntry(
            slug=m["slug"],
            byok=m["byok"],
            access=access[m["access"]],
            alternatives=tuple(m.get("alternatives", ())),
            forms=tuple(m.get("forms", ())),
            checked=m["checked"],
            sources=tuple(m.get("sources", ())),
            note=m.get("note", ""),
            contradicted=m.get("contradicted", ""),
            contradicted_by=tuple(m.get("contradicted_by", ())),
            snapshots=tuple(m.get("snapshots", ())),
            max_age_days=int(models_doc.get("max_age_days", 365)),
        )
        for m in models_doc["model"]
    )
    errors_doc = _load_toml("errors.toml")
    errors = tuple(
        UpstreamError(
            id=e["id"],
            status=int(e["status"]),
            pattern=re.compile(e["match"], re.IGNORECASE),
            title=e["title"],
            cause=e["cause"],
            fix=e["fix"],
            steps=tuple(e.get("steps", ())),
            sources=tuple(e.get("sources", ())),
            pasted=re.compile(e["pasted"], re.IGNORECASE) if e.get("pasted") else None,
            action=e.get("action", ""),
        )
        for e in errors_doc["error"]
    )
    setup_doc = _load_toml("setup.toml")
    links = dict(setup_doc["links"])
    steps = {s["id"]: SetupStep(s["id"], s["title"], links[s["link"]]) for s in setup_doc["step"]}
    return Catalog(models_doc["as_of"], models, access, errors, steps, links)


_INDEXES: dict[int, dict[str, ModelEntry]] = {}


def _index(catalog: Catalog) -> dict[str, ModelEntry]:
    """Every spelling of a catalogued slug (lower-case, with vendor prefix) → entry."""
    idx = _INDEXES.get(id(catalog))
    if idx is None:
        idx = {}
        for m in catalog.models:
            idx[m.slug.lower()] = m
            for form in m.forms:
                idx.setdefault(form.lower(), m)
        _INDEXES[id(catalog)] = idx
    return idx


# OpenRouter routing variants and dated snapshots are spellings of the same model.
_VARIANT = re.compile(r":(?:nitro|floor|online|free|extended|thinking|beta|exacto)$", re.IGNORECASE)
_SNAPSHOT = re.compile(r"-(?:\d{4}-\d{2}-\d{2}|\d{4})$")
# A cheap test that a string could be a model id at all (no spaces, bounded length).
_SHAPE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:/-]{0,80}$")


def lookup_model(text: str, catalog: Catalog | None = None) -> ModelMatch | None:
    """Return the catalogued model ``text`` names, or None. ``text`` must be the whole id."""
    catalog = catalog or load()
    # The ASCII blanks only, as treesitter.strip_span trims a literal's span: str.strip() would
    # also drop U+0085 and other Unicode spaces, and a fix replacing the span would then delete
    # them with the id (YAML `model: openai/o3` + a continuation line holding U+0085).
    raw = text.strip(" \t\r\n")
    if not _SHAPE.match(raw):
        return None
    s = raw.lower()
    form = "openrouter-slug"
    if s.startswith(("openrouter/", "openrouter:")):
        s, form = s[len("openrouter/"):], "litellm-openrouter" if s[10] == "/" else "prefixed-openrouter"
        if "/" not in s:  # "openrouter/o3": OpenAI's bare id behind OpenRouter's prefix
            s, form = "openai/" + s, "openrouter-bare"
    elif s.startswith("openai:"):
        s, form = "openai/" + s[len("openai:"):], "prefixed-openai"
    elif "/" not in s:
        s, form = "openai/" + s, "bare"
    variant = _VARIANT.search(s)
    s = _VARIANT.sub("", s)
    idx = _index(catalog)
    entry, snapshot = idx.get(s), ""
    if entry is None:
        dated = _SNAPSHOT.search(s)
        if dated is not None:
            s, snapshot = s[: dated.start()], dated.group()[1:]
            entry = idx.get(s)
    if entry is None:
        return None
    return ModelMatch(entry, form, raw, snapshot, s + (variant.group() if variant else ""))
