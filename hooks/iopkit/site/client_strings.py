"""Every piece of text a client reads, with where it is written: what a translator
translates (translation.catalogs), and what a published translation must cover.

Taken from what the workbook shows (site.client_text.client_parts), never from the whole
curriculum, so that facilitator-only text (a session's facilitator part, a module's summary,
the program's reporting rules and safety protocols) is never offered for translation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml
from babel.messages.extract import DEFAULT_KEYWORDS, extract
from jinja2.ext import babel_extract

from ..content.load import read_and_check
from ..content.model import Curriculum
from ..content.text_fields import text_fields
from ..content.yaml_source import DataPath, read_all_yaml
from .client_text import client_parts
from .registry import site_for
from .theme_words import THEME_WORDS

WORKBOOK_PAGES = "curriculum/workbook"
# In a crisis line, a worksheet field or a track: what is not words (numbers, ids, days,
# times), or not shown to clients.
NOT_WORDS = {"contacts", "replaces"}
TRACK_WORDS = {"title", "what_to_bring"}  # and a phase's description (Your week shows them)


@dataclass(frozen=True)
class ClientText:
    text: str
    file: str  # relative to the project root; for the workbook's own words, its template
    line: int
    where: str  # the YAML path, e.g. client.key_points.2; "" for a Markdown page
    interface: bool = False  # the workbook's own words (templates, theme), not content
    plural: str | None = None  # the plural form, for words said with a number

    @property
    def context(self) -> str | None:
        """The catalog entry's context: where content is written; none for the workbook's
        own words, which gettext looks up by their English alone."""
        if self.interface:
            return None
        return f"{self.file}:{self.where}" if self.where else self.file

    @property
    def key(self) -> tuple[str, str, str]:
        """(file, YAML path, English) as a translation is found (translations.Translation)."""
        return ("", "", self.text) if self.interface else (self.file, self.where, self.text)


def _dotted(path: DataPath) -> str:
    return ".".join(str(part) for part in path)


def _words(path: DataPath, in_track: bool) -> bool:
    if in_track:  # a track's names and what to bring, not its days, times and ids
        keys = [part for part in path if isinstance(part, str)]
        return bool(keys) and (keys[-1] in TRACK_WORDS or keys[-2:] == ["phases", "description"])
    return not NOT_WORDS.intersection(str(part) for part in path)


def curriculum_texts(root: Path, curriculum: Curriculum) -> list[ClientText]:
    """The client-facing text of a valid curriculum, each at its file and line."""
    found: list[tuple[str, DataPath, str]] = []
    tracks = {track.source for track in curriculum.tracks}
    for file, base, value in client_parts(curriculum):
        for path, text in text_fields(value, base):
            if _words(path, file in tracks):
                found.append((file, path, text))
    # Read as validation reads them, so a process that validated reads none again.
    files = sorted({root / f for f, _, _ in found})
    documents = {file.relative_to(root).as_posix(): read[0]
                 for file, read in read_all_yaml(files, root, read_and_check).items()}
    texts = []
    for file, path, text in found:
        document = documents[file]
        line = document.position_of(path)[0] if document else 0
        texts.append(ClientText(text, file, line, _dotted(path)))
    return texts


_FENCE = re.compile(r"^(```|~~~)")


def markdown_blocks(text: str) -> list[tuple[int, str]]:
    """(first line, text) of each block of a Markdown page: paragraphs, lists, headings,
    fenced code kept whole, split at blank lines."""
    blocks: list[tuple[int, str]] = []
    block: list[str] = []
    start, fenced = 0, False
    for number, line in enumerate(text.splitlines() + [""], 1):
        if _FENCE.match(line.strip()):
            fenced = not fenced
        if line.strip() or fenced:
            if not block:
                start = number
            block.append(line)
        elif block:
            blocks.append((start, "\n".join(block)))
            block = []
    return blocks


def page_texts(root: Path) -> list[ClientText]:
    """The workbook's hand-written pages, a block (paragraph, list, heading) at a time."""
    folder = root / WORKBOOK_PAGES
    texts = []
    for page in sorted(folder.glob("*.md")) if folder.is_dir() else []:
        rel = page.relative_to(root).as_posix()
        texts += [ClientText(block, rel, line, "")
                  for line, block in markdown_blocks(page.read_text(encoding="utf-8"))]
    return texts


class _AnyTagLoader(yaml.SafeLoader):
    """Reads a MkDocs config whatever its tags (!ENV, !relative): only text is wanted."""


_AnyTagLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def config_texts(root: Path) -> list[ClientText]:
    """The workbook config's words clients read: its site name and the titles of its
    hand-written pages in the menu (`nav`)."""
    config_file = site_for("client").config_file
    path = root / config_file
    if not path.is_file():
        return []
    source = path.read_text(encoding="utf-8")
    config = yaml.load(source, Loader=_AnyTagLoader) or {}  # noqa: S506 - a safe loader

    def line_of(text: str) -> int:
        return source[:source.find(text)].count("\n") + 1 if text in source else 0

    texts = []
    if isinstance(config.get("site_name"), str):
        texts.append(ClientText(config["site_name"], config_file, line_of(config["site_name"]),
                                "site_name"))
    for n, item in enumerate(config.get("nav") or []):
        if isinstance(item, dict):
            for title in item:
                texts.append(ClientText(str(title), config_file, line_of(str(title)), f"nav.{n}"))
    return texts


TEMPLATES = Path(__file__).parent / "templates"
# The templates the workbook is made from: its own, those it shares with the guide.
CLIENT_TEMPLATES = ("client", "shared", "partials")


def interface_texts() -> list[ClientText]:
    """The workbook's own words: every gettext call in its templates (`_`, `{% trans %}`,
    `ngettext`, extracted by Babel with Jinja's extractor) and the theme's and script's
    words (theme_words)."""
    texts: list[ClientText] = []
    options = {"extensions": "jinja2.ext.i18n", "trimmed": "true"}
    for folder in CLIENT_TEMPLATES:
        for path in sorted((TEMPLATES / folder).glob("*.j2")):
            rel = f"iopkit/site/templates/{folder}/{path.name}"
            with path.open("rb") as file:
                found = extract(babel_extract, file,  # type: ignore[arg-type]
                                keywords=DEFAULT_KEYWORDS, options=options)
                for line, message, _, _ in found:
                    if isinstance(message, tuple):
                        texts.append(ClientText(message[0], rel, line, "", True, message[1]))
                    elif message:
                        texts.append(ClientText(message, rel, line, "", True))
    texts += [ClientText(word, "iopkit/site/theme_words.py", 0, "", True) for word in THEME_WORDS]
    return texts


def all_client_strings(root: Path, curriculum: Curriculum) -> list[ClientText]:
    """Everything a translation of the workbook covers: content, pages, config, own words."""
    return (curriculum_texts(root, curriculum) + page_texts(root) + config_texts(root)
            + interface_texts())
