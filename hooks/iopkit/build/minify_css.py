"""A stylesheet as a phone needs it: without comments and indentation.

iopkit's own stylesheet stays readable in the theme; the workbook ships it minified. The
same parser as the lean pass (tinycss2) reads it, so only what CSS itself ignores goes:
comments, and each run of whitespace becomes one space (none at the start or end of a
selector or value, or next to `{`, `}`, `;` and `:` between a property and its value).
Strings are tokens of their own, so the whitespace inside them is left alone.
"""

from __future__ import annotations

import tinycss2
from tinycss2.ast import Node

# At-rules whose block holds rules; any other block (@font-face, @page) holds declarations.
_RULE_BLOCKS = ("media", "supports", "layer", "container", "keyframes", "document")


def _compact(tokens: list[Node]) -> str:
    """The tokens as CSS, each run of whitespace and comments one space, none at the ends."""
    kept: list[Node] = []
    for token in tokens:
        if token.type in ("whitespace", "comment"):
            if kept and kept[-1].type != "whitespace":
                kept.append(tinycss2.ast.WhitespaceToken(token.source_line, token.source_column,
                                                         " "))
            continue
        for nested in ("arguments", "content"):
            inner = getattr(token, nested, None)
            if inner is not None and token.type != "{} block":
                setattr(token, nested, tinycss2.parse_component_value_list(_compact(inner)))
        kept.append(token)
    return tinycss2.serialize(kept).strip()


def _declarations(content: list[Node]) -> str:
    parts = []
    for item in tinycss2.parse_blocks_contents(content, skip_comments=True,
                                               skip_whitespace=True):
        if item.type == "declaration":
            important = "!important" if item.important else ""
            parts.append(f"{item.name}:{_compact(item.value)}{important}")
        else:
            parts.append(_rules([item]))
    return ";".join(parts)


def _rules(rules: list[Node]) -> str:
    parts = []
    for rule in rules:
        if rule.type == "qualified-rule":
            parts.append(f"{_compact(rule.prelude)}{{{_declarations(rule.content)}}}")
        elif rule.type == "at-rule":
            prelude = _compact(rule.prelude)
            head = f"@{rule.at_keyword} {prelude}" if prelude else f"@{rule.at_keyword}"
            if rule.content is None:
                parts.append(f"{head};")
            elif rule.lower_at_keyword.endswith(_RULE_BLOCKS):
                inner = tinycss2.parse_rule_list(rule.content, skip_comments=True,
                                                 skip_whitespace=True)
                parts.append(f"{head}{{{_rules(inner)}}}")
            else:
                parts.append(f"{head}{{{_declarations(rule.content)}}}")
        elif rule.type == "error":
            raise ValueError(f"line {rule.source_line}: {rule.message}")
    return "".join(parts)


def minify_css(text: str) -> str:
    """`text`, a stylesheet, minified (see above); raises ValueError where CSS is invalid."""
    return _rules(tinycss2.parse_stylesheet(text, skip_comments=True, skip_whitespace=True))
