"""`iopkit diff`'s report in three forms: text for a terminal, Markdown for a pull
request's comment and job summary, JSON for tools (its shape: CONTRIBUTING.md).

Changed words show in place: [-old-]{+new+} in text, ~~old~~ **new** in Markdown. Long
unchanged stretches of a block are cut to a few words either side of the change.
"""

from __future__ import annotations

import json
import re
from typing import Any

from ..content.problems import Problem
from .review_diff import BlockChange, PageChange, ReviewDiff, SiteDiff, WordOp

CONTEXT_WORDS = 8  # unchanged words kept either side of a change within a block
SITE_LABELS = {"facilitator": "Facilitator Guide", "client": "Client Workbook"}
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_~\[\]<>|#])")


def _to_sentence_end(run: list[str]) -> list[str]:
    """The words after a change, to the end of its sentence when that is near."""
    for n, word in enumerate(run[:2 * CONTEXT_WORDS]):
        if word.endswith((".", "!", "?", ":", ";")):
            return run[:n + 1]
    return run[:CONTEXT_WORDS]


def _from_sentence_start(run: list[str]) -> list[str]:
    """The words before a change, from the start of its sentence when that is near."""
    window = run[-2 * CONTEXT_WORDS:]
    for n in range(len(window) - 1, 0, -1):
        if window[n - 1].endswith((".", "!", "?", ":", ";")):
            return window[n:]
    return run[-CONTEXT_WORDS:]


def _trimmed(words: list[tuple[WordOp, str]]) -> list[tuple[WordOp, str]]:
    """Unchanged runs cut to CONTEXT_WORDS words next to each change."""
    out: list[tuple[WordOp, str]] = []
    for n, (op, text) in enumerate(words):
        if op != "equal":
            out.append((op, text))
            continue
        run = text.split()
        first, last = n == 0, n == len(words) - 1
        keep_head = [] if first else _to_sentence_end(run)
        keep_tail = [] if last else _from_sentence_start(run)
        if len(run) <= len(keep_head) + len(keep_tail) or (first and last):
            out.append((op, text))
            continue
        if first:
            out.append((op, "… " + " ".join(keep_tail)))
        elif last:
            out.append((op, " ".join(keep_head) + " …"))
        else:
            out.append((op, " ".join(keep_head) + " … " + " ".join(keep_tail)))
    return out


def _measure(site: SiteDiff, before: float | None, after: float | None) -> str:
    if site.measure is None or (before is None and after is None):
        return ""
    def shown(value: float | None) -> str:  # grades to a tenth; ease (0-100) whole
        return "–" if value is None else f"{value:.1f}" if site.language == "en" else f"{value:.0f}"
    if before is None or after is None:
        return f"{site.measure} {shown(after if before is None else before)}"
    return f"{site.measure} {shown(before)} → {shown(after)}"


def site_heading(site: SiteDiff) -> str:
    label = SITE_LABELS.get(site.audience, site.site)
    if site.audience == "client":
        return f"Clients: {label} ({site.language_name})"
    return f"Facilitators: {label}, besides what clients see"


def _problem_line(problem: Problem) -> str:
    return problem.as_text()


def _also(site: SiteDiff) -> str:
    count = len(site.also_client_pages)
    return (f"and {count} page{'s' * (count != 1)} of the guide change{'s' * (count == 1)} "
            "as shown for clients above")


# -- text ------------------------------------------------------------------------------

def _text_words(change: BlockChange) -> str:
    if change.before is None:
        return "+ " + (change.after or "")
    if change.after is None:
        return "- " + change.before
    pieces = {"equal": "{}", "delete": "[-{}-]", "insert": "{{+{}+}}"}
    return "~ " + " ".join(pieces[op].format(text) for op, text in _trimmed(change.words))


def _text_page(site: SiteDiff, page: PageChange) -> list[str]:
    measure = _measure(site, page.readability_before, page.readability_after)
    lines = [f"  {page.status}: {page.title} ({page.path})" + (f"  [{measure}]" if measure else "")]
    for change in page.blocks:
        grade = _measure(site, change.readability_before, change.readability_after)
        lines.append(f"      {_text_words(change)}" + (f"  [{grade}]" if grade else ""))
    return lines


def _text_site(site: SiteDiff) -> list[str]:
    lines = [site_heading(site)]
    if not site.changed:
        lines.append("  no change")
    for page in site.pages:
        lines += _text_page(site, page)
    if site.nav is not None:
        lines.append("  menu:")
        lines += [f"      - {title} ({path})" for title, path in site.nav.removed]
        lines += [f"      + {title} ({path})" for title, path in site.nav.added]
    if site.also_client_pages:
        lines.append(f"  {_also(site)}")
    return lines


def as_text(diff: ReviewDiff) -> str:
    lines = [f"iopkit diff: {diff.base.label} -> {diff.head.label}",
             f"verdict: {diff.verdict}", ""]
    lines += diff.notes
    if diff.base_errors:
        lines.append("Errors in the base:")
        lines += [f"  {_problem_line(p)}" for p in diff.base_errors]
        return "\n".join(lines)
    if diff.pages:
        lines.append("Pages:")
        width = max(len(v.verdict) for v in diff.pages)
        lines += [f"  {v.verdict:<{width}}  {v.title} ({v.path})"
                  + ("  (the guide's page too)" if v.guide_too else "") for v in diff.pages]
        lines.append("")
    for site in sorted(diff.sites, key=lambda s: s.audience != "client"):
        lines += _text_site(site) + [""]
    lines.append("Lint:")
    if not diff.lint_introduced and not diff.lint_resolved:
        lines.append("  nothing new, nothing fixed")
    lines += [f"  new:   {_problem_line(p)}" for p in diff.lint_introduced]
    lines += [f"  fixed: {_problem_line(p)}" for p in diff.lint_resolved]
    return "\n".join(lines).rstrip() + "\n"


# -- Markdown --------------------------------------------------------------------------

def md_escape(text: str) -> str:
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def _md_words(change: BlockChange) -> str:
    if change.before is None:
        return f"➕ **{md_escape(change.after or '')}**"
    if change.after is None:
        return f"➖ ~~{md_escape(change.before)}~~"
    pieces = {"equal": "{}", "delete": "~~{}~~", "insert": "**{}**"}
    return " ".join(pieces[op].format(md_escape(text)) for op, text in _trimmed(change.words))


def _md_site(site: SiteDiff) -> list[str]:
    lines = [f"### {site_heading(site)}", ""]
    if not site.changed:
        lines += ["No change" + (f", {_also(site)}." if site.also_client_pages else "."), ""]
        return lines
    for page in site.pages:
        measure = _measure(site, page.readability_before, page.readability_after)
        lines.append(f"**{page.status.capitalize()}: {md_escape(page.title)}** "
                     f"(`{page.path}`)" + (f" · {measure}" if measure else ""))
        lines.append("")
        for change in page.blocks:
            grade = _measure(site, change.readability_before, change.readability_after)
            lines.append(f"- {_md_words(change)}" + (f" _({grade})_" if grade else ""))
        if page.blocks:
            lines.append("")
    if site.nav is not None:
        lines += ["**Menu**", ""]
        lines += [f"- ➖ {md_escape(title)} (`{path}`)" for title, path in site.nav.removed]
        lines += [f"- ➕ {md_escape(title)} (`{path}`)" for title, path in site.nav.added]
        lines.append("")
    if site.also_client_pages:
        lines += [_also(site).capitalize() + ".", ""]
    return lines


def as_markdown(diff: ReviewDiff, max_chars: int | None = None) -> str:
    """The report for a pull request; cut at a line to `max_chars` when given (a GitHub
    comment holds 65,536 characters)."""
    lines = ["## What this change does to the sites", "",
             f"`{diff.base.label}` → `{diff.head.label}`: **{diff.verdict}**", ""]
    lines += [f"> {note}" for note in diff.notes]
    if diff.base_errors:
        lines += ["", "**Errors in the base:**", ""]
        lines += [f"- `{p.path}:{p.line}` {md_escape(p.message)}" for p in diff.base_errors]
        return "\n".join(lines) + "\n"
    if diff.pages:
        lines += ["| Page | Verdict |", "|---|---|"]
        lines += [f"| {md_escape(v.title)} (`{v.path}`) | {v.verdict}"
                  + (" (the guide's page too)" if v.guide_too else "") + " |" for v in diff.pages]
        lines.append("")
    for site in sorted(diff.sites, key=lambda s: s.audience != "client"):
        lines += _md_site(site)
    lines += ["### Lint", ""]
    if not diff.lint_introduced and not diff.lint_resolved:
        lines.append("Nothing new, nothing fixed.")
    lines += [f"- 🆕 `{p.path}:{p.line}` {md_escape(p.message)}" for p in diff.lint_introduced]
    lines += [f"- ✅ fixed: `{p.path}` {md_escape(p.message)}" for p in diff.lint_resolved]
    text = "\n".join(lines) + "\n"
    if max_chars is not None and len(text) > max_chars:
        note = "\n\n_The report is longer than fits here; the job summary has all of it._\n"
        cut = text.rfind("\n", 0, max_chars - len(note))
        text = text[:max(cut, 0)] + note
    return text


# -- JSON ------------------------------------------------------------------------------

def as_data(diff: ReviewDiff) -> dict[str, Any]:
    """The comparison as plain data (`--format json`; its shape: CONTRIBUTING.md)."""
    def problem(p: Problem) -> dict[str, Any]:
        return {"path": p.path, "line": p.line, "severity": p.severity, "message": p.message}

    def readability(before: float | None, after: float | None) -> dict[str, float | None]:
        return {"before": before, "after": after}

    def page(p: PageChange, site: SiteDiff) -> dict[str, Any]:
        data: dict[str, Any] = {"path": p.path, "title": p.title, "status": p.status}
        if site.measure:
            data["readability"] = readability(p.readability_before, p.readability_after)
        data["blocks"] = []
        for b in p.blocks:
            block: dict[str, Any] = {"kind": b.kind, "before": b.before, "after": b.after,
                                     "words": [[op, text] for op, text in b.words]}
            if b.readability_before is not None or b.readability_after is not None:
                block["readability"] = readability(b.readability_before, b.readability_after)
            data["blocks"].append(block)
        return data

    return {
        "base": {"label": diff.base.label, "commit": diff.base.commit},
        "head": {"label": diff.head.label, "commit": diff.head.commit},
        "verdict": diff.verdict,
        "pages": [{"path": v.path, "title": v.title, "verdict": v.verdict,
                   "guide_too": v.guide_too} for v in diff.pages],
        "sites": [{"site": s.site, "audience": s.audience, "language": s.language,
                   "language_name": s.language_name, "measure": s.measure,
                   "pages": [page(p, s) for p in s.pages],
                   "nav": None if s.nav is None else {
                       "removed": [{"title": t, "path": p} for t, p in s.nav.removed],
                       "added": [{"title": t, "path": p} for t, p in s.nav.added]},
                   "also_client_pages": s.also_client_pages}
                  for s in diff.sites],
        "lint": {"introduced": [problem(p) for p in diff.lint_introduced],
                 "resolved": [problem(p) for p in diff.lint_resolved]},
        "base_errors": [problem(p) for p in diff.base_errors],
        "notes": diff.notes,
    }


def as_json(diff: ReviewDiff) -> str:
    return json.dumps(as_data(diff), indent=2, ensure_ascii=False) + "\n"
