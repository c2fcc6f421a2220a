"""What byok-lsp knows, put into words: rules, upstream errors, models, setup steps.

One renderer for every place that explains something — the hover (``lsp/hover.py``),
``byok-lsp explain`` (``cli.py``), the rules documentation (``docs.py``) and the server's
``byok-lsp.explainError`` command behind VS Code's "byok-lsp: Explain Error" — so that
the four never tell a user different things about the same rule, error or model.

Everything is Markdown; ``plain`` turns it into readable plain text for a terminal, a message box
or an editor that does not render Markdown. Nothing here knows LSP, the terminal or a workspace:
what depends on the user's project (their keys, their recorded tier) stays in the hover.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import catalog as catalog_mod
from .rules.registry import Rule, all_rules

# The BYOK setup in the order a user does it: the guide, the model hover's "Setup" and the
# explanation of a model list these (the catalogue's setup.toml holds titles and pages).
SETUP_STEPS = ("openrouter-key", "openai-key", "openai-tier", "openai-verify", "openrouter-byok",
               "openrouter-credits", "record")

BYOK_STATUS = {"required": "BYOK required at OpenRouter", "no": "no BYOK needed at OpenRouter",
               "unknown": "BYOK status at OpenRouter unknown"}

# How a spelling of a model id routes the call (catalog.ModelMatch.form).
FORMS = {
    "openrouter-slug": "OpenRouter's id (LiteLLM alone would read it as direct OpenAI)",
    "litellm-openrouter": "LiteLLM's OpenRouter spelling: the call goes through OpenRouter",
    "prefixed-openrouter": "an `openrouter:` prefix: the call goes through OpenRouter",
    "prefixed-openai": "an `openai:` prefix: the call goes to OpenAI directly",
    "bare": "OpenAI's own id: OpenRouter expects the `openai/` prefix",
    "openrouter-bare": "OpenRouter's prefix on OpenAI's own id (`openrouter/o3`): OpenRouter receives `o3`, "
                       "not its id `openai/o3`",
}


# ----- rules -----------------------------------------------------------------------------------------
def find_rule(text: str) -> Rule | None:
    """A rule by code (``BYOK206``, any case) or by name (``corrupted-key-value``)."""
    key = text.strip()
    rules = all_rules()
    return rules.get(key.upper()) or next((r for r in rules.values() if r.name == key.lower()), None)


def rule_facts(rule: Rule) -> str:
    """The line every rendering of a rule carries under its heading."""
    line = f"Default severity: {rule.severity.label}. Fix: {rule.fix_title} ({rule.fix_safety.value})."
    if rule.check is None and rule.emitted_by:
        line += f" Emitted by {rule.emitted_by}."
    return line


def rule(rule_: Rule, level: int = 3, link: bool = True) -> str:
    """A rule's whole documentation with its heading at ``level`` (``##`` in docs/rules.md, ``###``
    in a hover); the rule's own ``## What it does`` sections go one level below."""
    head = "#" * level
    sections = re.sub(r"^## ", "#" * (level + 1) + " ", rule_.docs.strip(), flags=re.M)
    out = f"{head} {rule_.code} {rule_.name}\n\n{rule_.summary}.\n\n{rule_facts(rule_)}\n\n{sections}"
    return out + (f"\n\n[Rule documentation]({rule_.url})" if link else "")


def rule_line(code: str) -> str | None:
    """One line naming a rule and linking its documentation (a hover's "Problems here")."""
    rule_ = all_rules().get(code.upper())
    return f"**{rule_.code}** {rule_.name}: {rule_.summary} ([docs]({rule_.url}))" if rule_ else None


# ----- setup steps, errors, sources ------------------------------------------------------------------
def steps(step_ids, cat=None) -> str:
    """A numbered list of setup steps, each linked to its page; unknown ids are left out."""
    cat = cat or catalog_mod.load()
    known = [cat.steps[sid] for sid in step_ids if sid in cat.steps]
    return "\n".join(f"{i}. [{s.title}]({s.url})" for i, s in enumerate(known, 1))


def setup_guide(cat=None) -> str:
    return "### Set up OpenRouter BYOK for OpenAI models\n\n" + steps(SETUP_STEPS, cat)


def source_name(url: str) -> str:
    """A source named for a reader: ``Kilo-Org/kilocode#391``, ``help.openai.com``."""
    m = re.match(r"https?://(?:www\.)?github\.com/([^/]+/[^/]+)/(?:issues|pull|discussions)/(\d+)", url)
    if m:
        return f"{m.group(1)}#{m.group(2)}"
    m = re.match(r"https?://(?:www\.)?([^/]+)(/[^?#]*)?", url)
    if not m:
        return url
    host, path = m.group(1), (m.group(2) or "").strip("/")
    return f"{host}/{path.split('/')[0]}" if host in ("github.com", "openrouter.ai") and path else host


def sources(urls) -> str:
    return "\n".join(f"- [{source_name(u)}]({u})" for u in urls)


def error(err, cat=None) -> str:
    """A known upstream error (catalogue ``errors.toml``): cause, fix, the steps, the sources."""
    return (f"### {err.title}\n**Cause:** {err.cause}\n\n**Fix:** {err.fix}\n\n#### Steps\n"
            f"{steps(err.steps, cat)}\n\n#### Sources\n{sources(err.sources)}")


# ----- models ----------------------------------------------------------------------------------------
def model_status(entry) -> str:
    return BYOK_STATUS.get(entry.byok, entry.byok)


NEEDS_KEY = "Without your own OpenAI key added at OpenRouter, every call fails with 403."


def alternatives(entry) -> str | None:
    """The line naming what needs no BYOK instead, when the model's status calls for one."""
    if not entry.alternatives or entry.byok == "no":
        return None
    return "Needs no BYOK instead: " + ", ".join(f"`{a}`" for a in entry.alternatives)


def model_about(match) -> list[str]:
    """What the catalogue says of a model, dated, and what its spelling means: Markdown list items."""
    entry = match.entry
    about = [f"- BYOK status as of {entry.checked}" + (f": {entry.note}" if entry.note else "")]
    if entry.access.id != "none":
        about.append(f"- OpenAI access (checked {entry.access.checked}): {entry.access.summary}")
    about.append(f"- Written as `{match.text}`: {FORMS.get(match.form, match.form)}")
    return about


def model(match, cat=None) -> str:
    """A model id explained without a project: status, the catalogue's facts, what needs no BYOK
    instead, the setup and the sources (the hover adds what the user's workspace has done)."""
    cat = cat or catalog_mod.load()
    entry = match.entry
    parts = [f"### {entry.slug}: {model_status(entry)}"]
    if entry.byok == "required":
        parts.append(NEEDS_KEY)
    if (line := alternatives(entry)) is not None:
        parts.append(line)
    parts.append("#### About this model\n" + "\n".join(model_about(match)))
    if entry.byok != "no":
        parts.append("#### Setup\n" + steps(SETUP_STEPS, cat))
    if entry.sources:
        parts.append("#### Sources\n" + sources(entry.sources))
    return "\n\n".join(parts)


# ----- anything a user may paste ---------------------------------------------------------------------
@dataclass(frozen=True)
class Explanation:
    kind: str  # "rule" | "model" | "error"
    markdown: str


def explain(text: str) -> Explanation | None:
    """A rule code or name, a model id, or the text of an upstream error, explained; None when
    byok-lsp knows none of them. The CLI's ``explain`` and the server's explainError answer with this."""
    what = text.strip()
    if not what:
        return None
    cat = catalog_mod.load()
    if (found := find_rule(what)) is not None:
        return Explanation("rule", rule(found))
    if re.fullmatch(r"\S+", what) and (match := cat.lookup(what.strip("'\"`"))) is not None:
        return Explanation("model", model(match, cat))
    if (err := cat.match_error(text)) is not None:
        return Explanation("error", error(err, cat))
    return None


UNKNOWN = ("byok-lsp knows no rule, model or upstream error by this text. Known errors: OpenRouter's 403 "
           "BYOK, 402 credits, 401 key, and OpenAI's verification and model access errors; "
           "`byok-lsp rules` lists the rules and the catalogue's models.")


def plain(markdown: str) -> str:
    """Markdown as plain text: links as ``title <url>``, no heading marks, bold or code ticks."""
    # link text may hold balanced brackets: "Record the setup in [tool.byok-lsp]"
    text = re.sub(r"\[((?:[^\[\]]|\[[^\[\]]*\])+)\]\(([^)\s]+)\)",
                  lambda m: m.group(2) if m.group(1) == m.group(2) else f"{m.group(1)} <{m.group(2)}>", markdown)
    text = re.sub(r"^#{1,6} ", "", text, flags=re.M)
    text = text.replace("**", "")
    text = re.sub(r"^```\w*\n?", "", text, flags=re.M)
    text = text.replace("`", "")  # eglot shows plain text as is: code spans would keep their backticks
    return re.sub(r"^---$", "—" * 8, text, flags=re.M)
