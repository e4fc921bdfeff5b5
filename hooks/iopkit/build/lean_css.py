"""Drop the theme's style rules that cannot match anything in a built site.

Material's stylesheet (about 140 KB) styles every feature Material has; a workbook uses a
part of them, and a phone must fetch and parse all of it before it paints a word. After
the build, a rule is kept, with only those of its selectors, if any of its selectors may match:

- every class it asks for is in a built page or one of the site's own scripts, or is named
  in Material's own scripts for a component some page has: the class's block (the name
  before `__` or `--`: md-search-result for md-search-result__meta) is in a page. Material's
  bundle names the classes of every feature it has (tags, versions, tooltips, tabs...), so
  a name in it alone says nothing about this site; what the bundle adds as a page runs
  (md-nav__link--passed, md-typeset__table) belongs to a block the page already has, or
  to one a feature the page's config turns on makes (md-tooltip for content.tooltips);
- every element it asks for (kbd, dl, iframe...) is named in a page or any script;
- every attribute it asks for is in a page or any script, and so is every value of one;
  for an attribute pages give values to, a value only Material's scripts name must be one
  a page gives it (the palette's colours: the bundle names them all, a page sets one).

Words of a page are those of its markup (tags, inline scripts), not its text; words of the
site's own scripts are those of their strings, where a class a script adds is named.

Selectors inside :not(), :is() and the like are not looked into, so a rule that may apply
is always kept. Then what only those dropped rules used goes too: custom properties no
kept rule, page, script or other stylesheet refers to (and those only they referred to),
@keyframes no kept rule names, rules and at-rules left empty. Comments and the source-map
link go (the map no longer fits).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import tinycss2
from tinycss2.ast import Declaration, Node

_WORD = re.compile(r"[A-Za-z_][\w-]*")
_CUSTOM = re.compile(r"--[A-Za-z_][\w-]*")
# A page's markup: its tags and inline scripts and styles, not its text (where "note" or
# "warning" is a word, not a class).
_MARKUP = re.compile(r"(<(script|style)\b[^>]*>.*?</\2\s*>|<[^>]*>)", re.S | re.I)
_ATTRIBUTE = re.compile(r"""\s([\w-]+)=(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""")
_STRING = re.compile(r'''"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|`(?:[^`\\]|\\.)*`''')
_NESTED = ("media", "supports", "layer", "container")  # at-rules that hold style rules
_MATERIAL_SCRIPTS = "assets/javascripts"  # Material's bundle, search worker and lunr
# Classes Material's bundle gives elements of any page (a keyboard focus ring; "the page
# runs scripts"), and the block it makes of a page's code blocks (md-code__content).
_ADDED_TO_ANY_PAGE = ("focus-visible", "js-focus-visible", "js")
_ADDED_FOR = {"highlight": "md-code"}
# What the bundle builds for a feature the theme config turns on (the page's __config
# lists them): tooltips on glossary terms (abbr) and links, code buttons, annotations.
_FEATURE_BLOCKS = {"content.tooltips": ("md-tooltip", "md-tooltip2"),
                   "content.code.copy": ("md-clipboard",),
                   "content.code.annotate": ("md-annotation", "md-annotation-list")}
_FEATURES = re.compile(r'"features":\s*\[([^\]]*)\]')


@dataclass
class SiteText:
    """What the site's pages, scripts and other stylesheets name."""
    pages: set[str] = field(default_factory=set)  # words in the pages' markup
    page_values: dict[str, set[str]] = field(default_factory=dict)  # attribute -> values
    own_scripts: set[str] = field(default_factory=set)  # words in the site's own scripts
    material_scripts: set[str] = field(default_factory=set)  # words in Material's scripts
    custom_properties: set[str] = field(default_factory=set)  # --names outside these sheets
    other_css: set[str] = field(default_factory=set)  # words in stylesheets not leaned

    def has_class(self, name: str) -> bool:
        if name in self.pages or name in self.own_scripts:
            return True
        block = re.split("__|--", name, maxsplit=1)[0]
        return name in self.material_scripts and block in self.pages

    def has_word(self, word: str) -> bool:
        return word in self.pages or word in self.own_scripts or word in self.material_scripts

    def has_value(self, attribute: str, value: str) -> bool:
        if value in self.own_scripts or value in self.page_values.get(attribute, ()):
            return True
        return attribute not in self.page_values and self.has_word(value)


def _read_site(site_dir: Path, stylesheets: list[Path], data: set[Path]) -> SiteText:
    """The words of the site's pages and scripts (not its search index, nor the scripts
    in `data`) and of the stylesheets this pass leaves alone, and every custom property
    they mention."""
    found = SiteText()
    # Each distinct tag once: the pages of a site share most of theirs (the menu, the
    # header), and reading the words of every tag of every page was most of this pass.
    tags: set[tuple[str, str]] = set()
    for path in sorted(site_dir.rglob("*")):
        if path.suffix not in (".html", ".js", ".css") or path in stylesheets or path in data:
            continue
        if "search" in path.parent.name:
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        if path.suffix == ".html":
            tags.update(_MARKUP.findall(text))
        elif path.suffix == ".css":
            found.other_css.update(_WORD.findall(text))
        elif path.relative_to(site_dir).as_posix().startswith(_MATERIAL_SCRIPTS):
            found.material_scripts.update(_WORD.findall(text))
        else:
            found.own_scripts.update(_WORD.findall(" ".join(_STRING.findall(text))))
        found.custom_properties.update(_CUSTOM.findall(text))
    markup = "\n".join(tag for tag, _ in tags)
    found.pages.update(_WORD.findall(markup))
    for name, *value in _ATTRIBUTE.findall(markup):
        found.page_values.setdefault(name, set()).add("".join(value))
    for features in _FEATURES.findall(markup):
        for feature in re.findall(r'"([^"]+)"', features):
            found.pages.update(_FEATURE_BLOCKS.get(feature, ()))
    found.pages.update(_ADDED_TO_ANY_PAGE)
    found.pages.update(block for word, block in _ADDED_FOR.items() if word in found.pages)
    return found


def _selectors(prelude: list[Node]) -> Iterable[list[Node]]:
    selector: list[Node] = []
    for token in prelude:
        if token.type == "literal" and token.value == ",":
            yield selector
            selector = []
        else:
            selector.append(token)
    yield selector


def _may_have(attribute: Node, site: SiteText) -> bool:
    parts = [part.value for part in attribute.content if part.type in ("ident", "string")]
    if any(_WORD.fullmatch(part) and not site.has_word(part) for part in parts):
        return False
    name, *value = parts
    return not (value and _WORD.fullmatch(value[0]) and not site.has_value(name, value[0]))


_COMBINATORS = (">", "+", "~")


def _may_match(selector: list[Node], site: SiteText) -> bool:
    previous: Node | None = None
    for token in selector:
        if (token.type == "ident" and previous is not None and previous.type == "literal"
                and previous.value == "." and not site.has_class(token.value)):
            return False  # a class nothing in the site has
        if (token.type == "ident" and (previous is None or previous.type == "literal"
                                       and previous.value in _COMBINATORS)
                and not site.has_word(token.lower_value)):
            return False  # an element nothing in the site has (kbd, dl, iframe...)
        if token.type == "[] block" and not _may_have(token, site):
            return False  # an attribute, or a value of it, that nothing has
        previous = None if token.type == "whitespace" else token
    return True


@dataclass
class _Rule:
    """A kept style rule: its selectors (as written) and its declarations."""
    prelude: str
    declarations: list[Declaration]


@dataclass
class _Block:
    """A kept at-rule: @media and the like hold rules; @keyframes, @font-face... are
    kept as written, @keyframes by name."""
    prelude: str
    rules: list[_Rule | _Block] | None = None
    text: str = ""
    keyframes: str | None = None


def _kept(rules: list[Node], site: SiteText) -> list[_Rule | _Block]:
    kept: list[_Rule | _Block] = []
    for rule in rules:
        if rule.type in ("whitespace", "comment"):
            continue
        if rule.type == "qualified-rule":
            matching = [selector for selector in _selectors(rule.prelude)
                        if _may_match(selector, site)]
            if matching:
                declarations = tinycss2.parse_declaration_list(
                    rule.content, skip_comments=True, skip_whitespace=True)
                if all(isinstance(d, Declaration) for d in declarations):
                    # Only the selectors that may match: a rule that styles ten kinds of
                    # block lists them all, and a workbook page has two of them.
                    prelude = ",".join(tinycss2.serialize(selector).strip()
                                       for selector in matching)
                    kept.append(_Rule(prelude,
                                      [d for d in declarations if isinstance(d, Declaration)]))
                else:  # something this pass does not read (nesting, an error): as written
                    kept.append(_Block("", text=rule.serialize()))
        elif rule.type == "at-rule" and rule.lower_at_keyword in _NESTED and rule.content:
            inner = _kept(tinycss2.parse_rule_list(rule.content), site)
            kept.append(_Block(f"@{rule.at_keyword}{tinycss2.serialize(rule.prelude)}",
                               rules=inner))
        elif rule.type == "at-rule" and rule.lower_at_keyword.endswith("keyframes"):
            name = tinycss2.serialize(rule.prelude).strip()
            kept.append(_Block("", text=rule.serialize(), keyframes=name))
        else:  # @charset, @font-face, @page ...: kept as they are
            kept.append(_Block("", text=rule.serialize()))
    return kept


def _style_rules(rules: list[_Rule | _Block]) -> Iterable[_Rule]:
    for rule in rules:
        if isinstance(rule, _Rule):
            yield rule
        elif rule.rules is not None:
            yield from _style_rules(rule.rules)


def _used_custom_properties(sheets: list[list[_Rule | _Block]], site: SiteText) -> set[str]:
    """The custom properties something refers to: a kept rule's ordinary declaration, the
    pages, scripts and other stylesheets, or a custom property so referred to."""
    defined: dict[str, list[str]] = {}
    used = set(site.custom_properties)
    for rule in (rule for sheet in sheets for rule in _style_rules(sheet)):
        for declaration in rule.declarations:
            value = tinycss2.serialize(declaration.value)
            if declaration.name.startswith("--"):
                defined.setdefault(declaration.name, []).append(value)
            else:
                used.update(_CUSTOM.findall(value))
    pending = list(used)
    while pending:
        for value in defined.get(pending.pop(), []):
            for name in _CUSTOM.findall(value):
                if name not in used:
                    used.add(name)
                    pending.append(name)
    return used


def _animation_names(sheets: list[list[_Rule | _Block]]) -> set[str]:
    names: set[str] = set()
    for rule in (rule for sheet in sheets for rule in _style_rules(sheet)):
        for declaration in rule.declarations:
            if declaration.lower_name in ("animation", "animation-name"):
                names.update(_WORD.findall(tinycss2.serialize(declaration.value)))
    return names


def _serialize(rules: list[_Rule | _Block], custom: set[str], animations: set[str]) -> str:
    """The rules as CSS, without custom properties outside `custom`, @keyframes outside
    `animations`, and without what that leaves empty."""
    parts = []
    for rule in rules:
        if isinstance(rule, _Rule):
            declarations = [d.serialize() for d in rule.declarations
                            if not d.name.startswith("--") or d.name in custom]
            if declarations:
                parts.append(f"{rule.prelude}{{{';'.join(declarations)}}}")
        elif rule.rules is not None:
            inner = _serialize(rule.rules, custom, animations)
            if inner:
                parts.append(f"{rule.prelude}{{{inner}}}")
        elif rule.keyframes is None or rule.keyframes in animations:
            parts.append(rule.text)
    return "".join(parts)


def drop_unused_rules(site_dir: Path, stylesheets: Iterable[Path],
                      data_scripts: Iterable[Path] = ()) -> None:
    """Rewrite each of `stylesheets` (files in the built `site_dir`) without the rules
    nothing in the site can match, and remove its source map. `data_scripts` hold data,
    not code (the worksheets, the scripts' words): their strings are the curriculum's
    words, where "note", "warning" or "green" name no class or colour."""
    stylesheets = list(stylesheets)
    site = _read_site(site_dir, stylesheets, set(data_scripts))
    sheets = [_kept(tinycss2.parse_stylesheet(path.read_text(encoding="utf-8")), site)
              for path in stylesheets]
    custom = _used_custom_properties(sheets, site)
    animations = _animation_names(sheets) | site.other_css | site.own_scripts
    for path, rules in zip(stylesheets, sheets, strict=True):
        path.write_text(_serialize(rules, custom, animations), encoding="utf-8")
        path.with_name(path.name + ".map").unlink(missing_ok=True)
