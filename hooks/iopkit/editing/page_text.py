"""A rendered page as a reader meets it: its text, block by block.

`iopkit diff` compares what people read, not the Markdown or HTML that makes it: a page's
Markdown is converted to HTML with the extensions the sites use, and its text is cut into
blocks (headings, paragraphs, list items, table rows, form labels), each one line of plain
text. Link targets, markup and attributes are gone; a change to them alone is no change a
reader sees.
"""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Literal

import markdown

BlockKind = Literal["heading", "item", "row", "text"]

# The sites' Markdown extensions (mkdocs.yml) that change what text a page shows; toc's
# permalinks and the theme's own decorations add none of the page's words.
EXTENSIONS = ["abbr", "admonition", "def_list", "attr_list", "md_in_html", "tables",
              "pymdownx.details", "pymdownx.superfences", "pymdownx.tasklist"]

# Tags that start and end a block of text; all others (a, strong, abbr, span, ...) are
# inside one. td/th are joined into their row.
_BLOCKS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "dt", "dd", "legend", "label",
           "summary", "caption", "figcaption", "pre", "blockquote", "div", "form", "fieldset",
           "ul", "ol", "dl", "table", "thead", "tbody", "details", "section", "button",
           "textarea", "select", "hr", "br"}
_HIDDEN = {"script", "style", "template"}
_KINDS: dict[str, BlockKind] = {**{f"h{n}": "heading" for n in range(1, 7)},
                                "li": "item", "dt": "item", "dd": "item", "tr": "row"}


@dataclass(frozen=True)
class Block:
    kind: BlockKind
    text: str


class _BlockParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self._words: list[str] = []
        self._kind: BlockKind = "text"
        self._hidden = 0

    def _flush(self) -> None:
        text = " ".join("".join(self._words).split()).strip(" |")
        # A block with no letters (a scale's 0 ... 10, a lone bullet) says nothing alone.
        if any(ch.isalpha() for ch in text):
            self.blocks.append(Block(self._kind, text))
        self._words = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN:
            self._hidden += 1
        elif tag in _BLOCKS:
            self._flush()
            self._kind = _KINDS.get(tag, "text")
        elif tag in ("td", "th") and self._words:
            self._words.append(" | ")

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN:
            self._hidden = max(0, self._hidden - 1)
        elif tag in _BLOCKS:
            self._flush()
            self._kind = "text"

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self._words.append(data)


_MARKDOWN = markdown.Markdown(extensions=EXTENSIONS)


def page_blocks(page_markdown: str) -> list[Block]:
    """The text of one rendered page, in reading order."""
    parser = _BlockParser()
    parser.feed(_MARKDOWN.reset().convert(page_markdown))
    parser.close()
    parser._flush()
    return parser.blocks
