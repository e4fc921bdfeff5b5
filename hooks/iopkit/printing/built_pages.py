"""A built page's article, made ready for paper.

MkDocs has built it, sanitized it and cut it to its site's audience; here only what works on
a screen alone goes (permalinks, the language switch, answer tools, buttons, scripts), a
worksheet's fields become room to write by hand (a text field's rows become ruled lines, a
table's cells boxes, a checkbox a box to tick), and ids and links are made to work inside
one printed document that holds many pages.
"""

from __future__ import annotations

import posixpath
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import tinyhtml5

from ..site.paths import page_url

# What only a screen can use. The crisis strip (iop-print-help) is taken apart, for the
# foot of every printed page; the links to printed documents are pointless on paper.
SCREEN_ONLY_CLASSES = {
    "headerlink", "iop-languages", "iop-answers-tools", "iop-worksheet__privacy",
    "iop-reminder", "iop-quick-exit", "iop-print-help", "iop-help-now", "iop-printed",
    "iop-erase",
}
SCREEN_ONLY_TAGS = {"script", "style", "noscript", "button", "nav"}
KEPT_LINK_SCHEMES = ("http", "https", "mailto", "tel", "sms")


@dataclass
class BuiltPage:
    site_folder: Path  # the built site it belongs to
    url: str  # its address within the site: module/session.html
    article: ET.Element
    crisis_lines: str  # the workbook's crisis strip ("Need help now? 988 ..."); "" in the guide

    @property
    def title(self) -> str:
        heading = self.article.find(".//h1")
        return _text(heading) if heading is not None else self.url

    def worksheet_ids(self) -> list[str]:
        """The worksheets on the page, by the anchors the workbook gives them."""
        return [h.get("id", "").removeprefix("worksheet-") for h in self.article.iter("h2")
                if h.get("id", "").startswith("worksheet-")]


class PageMissing(Exception):
    """A page the curriculum has is not in the built site."""


def _classes(element: ET.Element) -> set[str]:
    return set((element.get("class") or "").split())


def _text(element: ET.Element) -> str:
    parts = []
    for node in element.iter():
        if "headerlink" in _classes(node):
            continue
        parts.append(node.text or "")
        if node is not element:
            parts.append(node.tail or "")
    return " ".join("".join(parts).split()).removesuffix("¶").strip()


def read_page(site_folder: Path, docs_path: str) -> BuiltPage:
    """The article of the page built from `docs_path` (module/session.md)."""
    url = page_url(docs_path)
    path = site_folder / url
    if not path.is_file():
        raise PageMissing(f"{path} was not built")
    text = path.read_text(encoding="utf-8")
    # Only the article and the crisis strip are parsed: the theme around them is most of
    # the page, and parsing HTML in Python is slow.
    begin, end = text.find("<article"), text.rfind("</article>")
    if begin < 0 or end < 0:
        raise PageMissing(f"{path} has no article")
    article = _parsed(text[begin:end + len("</article>")]).find(".//article")
    strip_at = text.find('<div class="iop-print-help"')
    crisis = ""
    if strip_at >= 0:
        strip = _parsed(text[strip_at:text.find("</div>", strip_at) + len("</div>")])
        crisis = " ".join("".join(strip.itertext()).split())
    assert article is not None
    return BuiltPage(site_folder, url, article, crisis)


def _parsed(fragment: str) -> ET.Element:
    return tinyhtml5.parse(fragment, namespace_html_elements=False)


def _parents(root: ET.Element) -> dict[ET.Element, ET.Element]:
    return {child: parent for parent in root.iter() for child in parent}


def _drop(parent: ET.Element, child: ET.Element) -> None:
    """Remove an element, keeping the text that follows it."""
    index = list(parent).index(child)
    if child.tail:
        if index:
            before = parent[index - 1]
            before.tail = (before.tail or "") + child.tail
        else:
            parent.text = (parent.text or "") + child.tail
    parent.remove(child)


def _screen_only(element: ET.Element) -> bool:
    return (element.tag in SCREEN_ONLY_TAGS or bool(_classes(element) & SCREEN_ONLY_CLASSES)
            or (element.tag == "input" and element.get("type") == "file"))


def _drop_screen_only(article: ET.Element) -> None:
    parents = _parents(article)
    doomed = [e for e in article.iter() if _screen_only(e)]
    for element in doomed:
        parent = parents.get(element)
        if parent is None or element not in list(parent):
            continue
        if "iop-answers-tools" in _classes(element):  # and its heading ("Keep your answers")
            siblings = list(parent)
            index = siblings.index(element)
            if index and siblings[index - 1].tag == "h2":
                _drop(parent, siblings[index - 1])
        _drop(parent, element)


def _replace(element: ET.Element, tag: str, css_class: str, text: str = "") -> None:
    """Turn an element into another in place, keeping its tail."""
    tail = element.tail
    element.clear()
    element.tag, element.text, element.tail = tag, text, tail
    element.set("class", css_class)


def _room_to_write(article: ET.Element) -> None:
    """Fields become what a pen needs: lines, boxes, boxes to tick."""
    for form in article.iter("form"):
        form.tag = "div"
        for name in ("data-worksheet", "aria-label"):
            form.attrib.pop(name, None)
    for area in list(article.iter("textarea")):
        rows = max(1, min(int(area.get("rows") or 3), 20))
        _replace(area, "div", "iop-lines")
        for _ in range(rows):
            ET.SubElement(area, "div", {"class": "iop-line"})
    for field in list(article.iter("input")):
        kind = field.get("type")
        if kind == "text":
            _replace(field, "span", "iop-box")
        elif kind == "checkbox":
            _replace(field, "span", "iop-tick")
        elif kind == "radio":
            _replace(field, "span", "iop-circle")


def _local_links(article: ET.Element, page: BuiltPage, prefix: str,
                 anchors: dict[str, str]) -> None:
    """Ids get the page's prefix; a link to a page in the same document becomes a link to
    its place there; a link elsewhere in the site, which paper cannot follow, becomes text;
    a web address stays (it prints)."""
    folder = posixpath.dirname(page.url)
    for element in article.iter():
        if element.get("id"):
            element.set("id", f"{prefix}-{element.get('id')}")
        if element.tag == "label":
            element.attrib.pop("for", None)
    for link in article.iter("a"):
        href = link.get("href") or ""
        parts = urlsplit(href)
        if parts.scheme in KEPT_LINK_SCHEMES:
            continue
        if not parts.scheme and not parts.path and parts.fragment:
            link.set("href", f"#{prefix}-{parts.fragment}")
            continue
        target = posixpath.normpath(posixpath.join(folder, parts.path)) if parts.path else ""
        if target in anchors:
            link.set("href", "#" + anchors[target])
        else:
            link.tag = "span"
            link.attrib.clear()


def _local_images(article: ET.Element, page: BuiltPage) -> None:
    """Images by their file (a printed document holds pages of many folders); one that is
    not a file of the site is left out, as nothing is fetched from elsewhere."""
    site = page.site_folder.resolve()
    parents = _parents(article)
    for image in list(article.iter("img")):
        source = image.get("src") or ""
        file = (site / posixpath.dirname(page.url) / source).resolve()
        if urlsplit(source).scheme or not file.is_relative_to(site) or not file.is_file():
            _drop(parents[image], image)
        else:
            image.set("src", file.as_uri())


def for_print(page: BuiltPage, prefix: str, anchors: dict[str, str]) -> ET.Element:
    """The page's article, ready to print inside a document where `anchors` maps each
    page it holds (site address) to the id of its place there."""
    article = page.article
    _drop_screen_only(article)
    _room_to_write(article)
    _local_links(article, page, prefix, anchors)
    _local_images(article, page)
    for details in article.iter("details"):
        details.set("open", "")
    article.tag = "div"
    article.attrib.clear()
    article.set("class", "iop-page")
    return article


def as_html(element: ET.Element) -> str:
    return ET.tostring(element, method="html", encoding="unicode")
