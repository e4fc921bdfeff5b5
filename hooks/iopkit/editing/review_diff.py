"""`iopkit diff BASE [HEAD]`: what a change does to the pages people read, per site.

Both versions go through the same pipeline the sites are built from (`render_audience`,
translated for each published language), and each page's text (page_text) is compared
block by block, then word by word within a changed block. Clinical reviewers approve
curriculum changes in pull requests; this tells them which pages clients will see change
and which only facilitators, how the new text reads, and what lint now says.

Audience rule: the guide is a superset of the workbook, so a change clients see also
changes the guide's page. Facilitator sections list only what is left after the changes
already shown for clients; client sections are made from client renders alone, which
never hold facilitator-only text.
"""

from __future__ import annotations

import difflib
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from ..build.run_mkdocs import all_sites, inherited_setting
from ..content.problems import ContentError, Problem, errors_in
from ..site.pipeline import render_audience
from ..site.registry import Site
from ..site.render import NavItem, RenderedSite
from ..site.translate import translate_page
from . import lint as lint_module
from .git_snapshot import SnapshotError, extract, resolve_commit, short_commit
from .page_text import Block, page_blocks
from .readability import reading_ease, reading_grade

Verdict = Literal["clients: changed", "facilitators only", "no visible change"]
PageStatus = Literal["added", "removed", "changed", "no visible change"]
WordOp = Literal["equal", "delete", "insert"]
PAIRING_SIMILARITY = 0.4  # below this, an old and a new block are shown as removed + added
# A block's own reading grade is shown from this many words: the formulas say little about
# a heading-like line ("Monday: Saying no"); the page's grade counts every block.
GRADED_BLOCK_WORDS = 10


class DiffError(Exception):
    """What stops the comparison, in one line naming the side (base or head)."""


@dataclass(frozen=True)
class Side:
    label: str  # "main (1a2b3c4)" or "working tree"
    commit: str | None  # None: the working tree


@dataclass
class BlockChange:
    kind: str  # heading | item | row | text
    before: str | None  # None: a new block
    after: str | None  # None: a removed block
    words: list[tuple[WordOp, str]] = field(default_factory=list)
    # Client text: reading grade (English) or reading ease (other languages), before/after.
    readability_before: float | None = None
    readability_after: float | None = None


@dataclass
class PageChange:
    path: str
    title: str
    status: PageStatus
    blocks: list[BlockChange] = field(default_factory=list)
    readability_before: float | None = None
    readability_after: float | None = None


@dataclass
class NavChange:
    removed: list[tuple[str, str]]  # (title trail, page path), as the menu showed it
    added: list[tuple[str, str]]


@dataclass
class SiteDiff:
    site: str  # facilitator | workbook | workbook-<code>
    audience: str
    language: str  # code; "en" for English
    language_name: str
    measure: str | None  # "reading grade" | "reading ease" | None (the guide)
    pages: list[PageChange] = field(default_factory=list)
    nav: NavChange | None = None
    # Facilitator section: pages whose change is the one shown for clients.
    also_client_pages: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return self.nav is not None or any(p.status != "no visible change" for p in self.pages)


@dataclass
class PageVerdict:
    path: str
    title: str
    verdict: Verdict
    guide_too: bool = False  # a client change that the guide's page shows as well


@dataclass
class ReviewDiff:
    base: Side
    head: Side
    sites: list[SiteDiff]
    pages: list[PageVerdict]
    lint_introduced: list[Problem]
    lint_resolved: list[Problem]
    base_errors: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def verdict(self) -> Verdict:
        verdicts = {page.verdict for page in self.pages}
        order: tuple[Verdict, ...] = ("clients: changed", "facilitators only")
        return next((verdict for verdict in order if verdict in verdicts), "no visible change")


# -- one side: every site's pages as text ----------------------------------------------

@dataclass
class SiteText:
    site: Site
    language_name: str
    pages: dict[str, str]  # docs path -> Markdown
    nav: list[tuple[str, str]]  # (title trail, path)


def nav_entries(nav: list[NavItem], trail: str = "") -> list[tuple[str, str]]:
    """The menu as (title, page) pairs in order; a page inside a section is titled
    "Section › Page", and a section's own index page by the section's title."""
    entries: list[tuple[str, str]] = []
    for item in nav:
        if isinstance(item, str):
            entries.append((trail, item))
            continue
        for title, target in item.items():
            here = f"{trail} › {title}" if trail else str(title)
            if isinstance(target, list):
                entries += nav_entries(target, here)
            elif isinstance(target, str) and not target.startswith(("http:", "https:")):
                entries.append((here, target))
    return entries


def _hand_written(root: Path, site: Site, rendered: RenderedSite) -> dict[str, str]:
    docs = root / (inherited_setting(root, site.config_file, "docs_dir") or "docs")
    if not docs.is_dir():
        return {}
    pages = {}
    for source in sorted(docs.rglob("*.md")):
        text = source.read_text(encoding="utf-8")
        if rendered.words is not None:  # the plugin translates them the same way
            text = translate_page(text, source.relative_to(root).as_posix(), rendered.words)
        pages[source.relative_to(docs).as_posix()] = text
    return pages


def _hand_written_nav(root: Path, site: Site) -> list[NavItem]:
    return list(inherited_setting(root, site.config_file, "nav") or [])


def site_texts(root: Path) -> tuple[dict[str, SiteText], list[Problem]]:
    """Every site of the project at `root` (guide, workbook, each published language):
    its pages and menu; and the content warnings. ContentError when it has errors."""
    sites: dict[str, SiteText] = {}
    warnings: list[Problem] = []
    for site in all_sites(root):
        rendered, found = render_audience(root, site.audience, language=site.language)
        warnings += found
        names = {lang.code: lang.name for lang in rendered.program.languages}
        pages = {**_hand_written(root, site, rendered), **rendered.pages}
        nav = nav_entries(rendered.nav + _hand_written_nav(root, site))
        sites[site.name] = SiteText(site, names.get(site.language or "", "English"), pages, nav)
    return sites, warnings


# -- comparing text --------------------------------------------------------------------

def word_diff(before: str, after: str) -> list[tuple[WordOp, str]]:
    """The two texts as runs of kept, removed and added words."""
    old, new = before.split(), after.split()
    runs: list[tuple[WordOp, str]] = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            runs.append(("equal", " ".join(old[i1:i2])))
            continue
        if i2 > i1:
            runs.append(("delete", " ".join(old[i1:i2])))
        if j2 > j1:
            runs.append(("insert", " ".join(new[j1:j2])))
    return runs


def _similar(a: str, b: str) -> bool:
    return difflib.SequenceMatcher(None, a.split(), b.split(),
                                   autojunk=False).ratio() >= PAIRING_SIMILARITY


def block_changes(before: list[Block], after: list[Block]) -> list[BlockChange]:
    """Blocks removed, added and changed, in page order; a changed block is an old one and
    a new one in the same place that share enough words to read as an edit."""
    changes: list[BlockChange] = []
    matcher = difflib.SequenceMatcher(None, [b.text for b in before], [b.text for b in after],
                                      autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        old, new = before[i1:i2], after[j1:j2]
        while old and new and _similar(old[0].text, new[0].text):
            a, b = old.pop(0), new.pop(0)
            changes.append(BlockChange(b.kind, a.text, b.text, word_diff(a.text, b.text)))
        changes += [BlockChange(a.kind, a.text, None, [("delete", a.text)]) for a in old]
        changes += [BlockChange(b.kind, None, b.text, [("insert", b.text)]) for b in new]
    return changes


class _Readability:
    """The measure clients' text is judged by in one language (lint's own)."""

    def __init__(self, language: str):
        self.language = language
        self.name = "reading grade" if language == "en" else "reading ease"

    def of(self, texts: list[str]) -> float | None:
        texts = [t for t in texts if t]
        if not texts:
            return None
        if self.language == "en":
            return round(reading_grade(texts), 1)
        ease = reading_ease(texts, self.language)
        return None if ease is None else round(ease, 0)


def _long(change: BlockChange) -> bool:
    return max(len((change.before or "").split()),
               len((change.after or "").split())) >= GRADED_BLOCK_WORDS


def _prose(blocks: list[Block]) -> list[str]:
    return [b.text for b in blocks if b.kind in ("text", "item")]


def _title(blocks: list[Block], nav_titles: dict[str, str], path: str) -> str:
    if path in nav_titles:
        return nav_titles[path].rsplit(" › ", 1)[-1] or path
    return next((b.text for b in blocks if b.kind == "heading"), path)


def compare_site(name: str, before: SiteText | None, after: SiteText | None) -> SiteDiff:
    either = after or before
    assert either is not None
    site = either.site
    language = site.language or "en"
    client = site.audience == "client"
    measure = _Readability(language) if client else None
    old_pages = before.pages if before else {}
    new_pages = after.pages if after else {}
    old_nav = before.nav if before else []
    new_nav = after.nav if after else []
    titles = {path: title for title, path in old_nav} | {path: title for title, path in new_nav}
    diff = SiteDiff(name, site.audience, language, either.language_name,
                    measure.name if measure else None)
    order = [p for p in new_pages] + [p for p in old_pages if p not in new_pages]
    for path in order:
        old_md, new_md = old_pages.get(path), new_pages.get(path)
        if old_md == new_md:
            continue
        old_blocks = page_blocks(old_md) if old_md is not None else []
        new_blocks = page_blocks(new_md) if new_md is not None else []
        title = _title(new_blocks or old_blocks, titles, path)
        status: PageStatus = ("added" if old_md is None else "removed" if new_md is None
                              else "changed")
        page = PageChange(path, title, status)
        if status == "changed":
            page.blocks = block_changes(old_blocks, new_blocks)
            if not page.blocks:
                page.status = "no visible change"
        if measure is not None and page.status != "no visible change":
            page.readability_before = measure.of(_prose(old_blocks)) if old_md else None
            page.readability_after = measure.of(_prose(new_blocks)) if new_md else None
            for change in page.blocks:
                if change.kind in ("text", "item") and _long(change):
                    change.readability_before = measure.of([change.before or ""])
                    change.readability_after = measure.of([change.after or ""])
        diff.pages.append(page)
    if old_nav != new_nav:
        removed = [entry for entry in old_nav if entry not in new_nav]
        added = [entry for entry in new_nav if entry not in old_nav]
        if removed or added:
            diff.nav = NavChange(removed, added)
    return diff


def _facilitator_only(guide: SiteDiff, client_sites: list[SiteDiff]) -> None:
    """Keep in the guide's section only what clients' sections do not already show."""
    shown: dict[str, set[tuple[str | None, str | None]]] = {}
    added_or_removed = set()
    for site in client_sites:
        for page in site.pages:
            shown.setdefault(page.path, set()).update((b.before, b.after) for b in page.blocks)
            if page.status in ("added", "removed"):
                added_or_removed.add((page.path, page.status))
    kept = []
    for page in guide.pages:
        if (page.path, page.status) in added_or_removed:  # the session's page, on both sites
            guide.also_client_pages.append(page.path)
            continue
        if page.status == "changed" and page.path in shown:
            rest = [b for b in page.blocks if (b.before, b.after) not in shown[page.path]]
            if len(rest) < len(page.blocks):
                guide.also_client_pages.append(page.path)
            if not rest:
                continue
            page.blocks = rest
        kept.append(page)
    guide.pages = kept


def page_verdicts(sites: list[SiteDiff]) -> list[PageVerdict]:
    verdicts: dict[str, PageVerdict] = {}
    for site in sorted(sites, key=lambda s: s.audience != "client"):  # clients first
        client = site.audience == "client"
        for page in site.pages:
            seen = verdicts.get(page.path)
            if page.status == "no visible change":
                if seen is None:
                    verdicts[page.path] = PageVerdict(page.path, page.title, "no visible change")
            elif client:
                verdicts[page.path] = PageVerdict(page.path, page.title, "clients: changed")
            elif seen is None or seen.verdict == "no visible change":
                verdicts[page.path] = PageVerdict(page.path, page.title, "facilitators only")
            else:
                seen.guide_too = True
        if not client:
            for path in site.also_client_pages:
                if path in verdicts:
                    verdicts[path].guide_too = True
    return list(verdicts.values())


# -- lint ------------------------------------------------------------------------------

def _lint(root: Path, side: str, fields_since: str | None) -> list[Problem]:
    """Lint's problems on one side. Worksheet fields removed (field-removed) are asked of
    git against `fields_since`, the base; only the working tree is in a repository, so a
    head revision (and the base itself) is linted without that rule."""
    try:
        config = lint_module.load_config(root)
    except ValueError as err:
        raise DiffError(f"{side}: {err}") from None
    if fields_since is None:
        config.severity["field-removed"] = "off"
    return lint_module.lint(root, config, base=fields_since)[1]


def _key(problem: Problem) -> tuple[str, str, str]:
    """Rule, file and message: line numbers shift with any edit above them."""
    return (problem.path, problem.severity, problem.message)


def lint_changes(before: list[Problem], after: list[Problem]) -> tuple[list[Problem], list[Problem]]:
    """(introduced, resolved) lint problems, matched by file and message."""
    old, new = Counter(map(_key, before)), Counter(map(_key, after))
    introduced, resolved = [], []
    for problem in sorted(after):
        if old[_key(problem)] > 0:
            old[_key(problem)] -= 1
        else:
            introduced.append(problem)
    for problem in sorted(before):
        if new[_key(problem)] > 0:
            new[_key(problem)] -= 1
        else:
            resolved.append(problem)
    return introduced, resolved


# -- the whole comparison --------------------------------------------------------------

def _side(root: Path, side: str, revision: str) -> Side:
    try:
        commit = resolve_commit(root, revision)
    except SnapshotError as err:
        raise DiffError(f"{side}: {err}") from None
    return Side(f"{revision} ({short_commit(root, commit)})", commit)


def _snapshot(root: Path, side: str, at: Side, target: Path) -> Path:
    """The project folder of one side: the working tree itself, or a revision's copy."""
    if at.commit is None:
        return root
    try:
        return extract(root, at.commit, target)
    except SnapshotError as err:
        raise DiffError(f"{side}: {err}") from None


def _load_side(root: Path, side: str, label: str) -> dict[str, SiteText]:
    if not (root / "curriculum" / "program.yml").is_file():
        raise DiffError(f"{side} ({label}) has no curriculum/program.yml: there is no "
                        "curriculum to compare there")
    return site_texts(root)[0]


def review_diff(root: Path, base: str, head: str | None = None) -> ReviewDiff:
    """Compare the project at revision `base` with `head` (a revision, or None: the working
    tree). DiffError for a revision that cannot be read or a side that does not load;
    ContentError for a head whose curriculum has errors."""
    base_side = _side(root, "base", base)
    head_side = _side(root, "head", head) if head is not None else Side("working tree", None)
    with tempfile.TemporaryDirectory(prefix="iopkit-diff-") as scratch:
        base_root = _snapshot(root, "base", base_side, Path(scratch) / "base")
        head_root = _snapshot(root, "head", head_side, Path(scratch) / "head")
        result = ReviewDiff(base_side, head_side, [], [], [], [])
        try:
            old = _load_side(base_root, "base", base_side.label)
        except ContentError as err:
            result.base_errors = errors_in(err.problems)
            result.notes.append(f"The base ({base_side.label}) has curriculum errors, so its "
                                "pages cannot be rendered and nothing is compared; fixing "
                                "them is part of this change.")
            old = None
        new = _load_side(head_root, "head", head_side.label)  # ContentError: the head's
        if old is None:
            return result
        names = list(new) + [name for name in old if name not in new]
        sites = [compare_site(name, old.get(name), new.get(name)) for name in names]
        clients = [s for s in sites if s.audience == "client"]
        for guide in (s for s in sites if s.audience == "facilitator"):
            _facilitator_only(guide, clients)
        result.sites = sites
        result.pages = page_verdicts(sites)
        base_problems = _lint(base_root, "base", None)
        head_problems = _lint(head_root, "head",
                              base_side.commit if head_side.commit is None else None)
        result.lint_introduced, result.lint_resolved = lint_changes(base_problems, head_problems)
    return result

