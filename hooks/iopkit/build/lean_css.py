"""Drop the theme's style rules that cannot match anything in a built site.

Material's stylesheet (about 140 KB) styles every feature Material has; a workbook uses a
part of them, and a phone must fetch and parse all of it before it paints a word. After
the build, a rule is kept if any of its selectors may match: every class and attribute
value the selector asks for appears somewhere in the site's pages or scripts (scripts add
classes as the page runs, and name them in full). Selectors inside :not(), :is() and the
like are not looked into, so a rule that may apply is always kept. Comments and the
source-map link go (the map no longer fits).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

import tinycss2
from tinycss2.ast import Node

_WORD = re.compile(r"[A-Za-z_][\w-]*")
_NESTED = ("media", "supports", "layer", "container")  # at-rules that hold style rules


def _words_in_site(site_dir: Path) -> set[str]:
    """Every word-like token in the site's pages and scripts (not its search index)."""
    words: set[str] = set()
    for path in site_dir.rglob("*"):
        if path.suffix in (".html", ".js") and "search" not in path.parent.name:
            words.update(_WORD.findall(path.read_text(encoding="utf-8", errors="replace")))
    return words


def _selectors(prelude: list[Node]) -> Iterable[list[Node]]:
    selector: list[Node] = []
    for token in prelude:
        if token.type == "literal" and token.value == ",":
            yield selector
            selector = []
        else:
            selector.append(token)
    yield selector


def _may_match(selector: list[Node], words: set[str]) -> bool:
    previous: Node | None = None
    for token in selector:
        if (token.type == "ident" and previous is not None and previous.type == "literal"
                and previous.value == "." and token.value not in words):
            return False  # a class no page or script has
        if token.type == "[] block":
            parts = [part.value for part in token.content if part.type in ("ident", "string")]
            if any(_WORD.fullmatch(part) and part not in words for part in parts):
                return False  # an attribute, or a value of it, that nothing has
        previous = None if token.type == "whitespace" else token
    return True


def _kept(rules: list[Node], words: set[str]) -> list[Node]:
    kept: list[Node] = []
    for rule in rules:
        if rule.type in ("whitespace", "comment"):
            continue
        if rule.type == "qualified-rule":
            if any(_may_match(selector, words) for selector in _selectors(rule.prelude)):
                kept.append(rule)
        elif rule.type == "at-rule" and rule.lower_at_keyword in _NESTED and rule.content:
            inner = _kept(tinycss2.parse_rule_list(rule.content), words)
            if inner:
                rule.content = inner
                kept.append(rule)
        else:  # @charset, @font-face, @keyframes, @page ...: kept as they are
            kept.append(rule)
    return kept


def drop_unused_rules(site_dir: Path, stylesheets: Iterable[Path]) -> None:
    """Rewrite each of `stylesheets` (files in the built `site_dir`) without the rules
    nothing in the site can match, and remove its source map."""
    words = _words_in_site(site_dir)
    for stylesheet in stylesheets:
        rules = tinycss2.parse_stylesheet(stylesheet.read_text(encoding="utf-8"))
        stylesheet.write_text(tinycss2.serialize(_kept(rules, words)), encoding="utf-8")
        stylesheet.with_name(stylesheet.name + ".map").unlink(missing_ok=True)
