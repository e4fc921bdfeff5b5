"""The printed documents as HTML, put together from the built sites' pages.

The facilitator manual from the guide's pages; a module's handout packet from the
workbook's pages in one language (client-audience pages only: what a client's site shows,
never the guide); a track's week at a glance from the client view of the track plan.
"""

from __future__ import annotations

import datetime as dt
import gettext
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
from markupsafe import Markup

from ..content.model import WEEKDAYS, Curriculum, ModuleEntry, TrackEntry
from ..site import track_views
from ..site.paths import (
    FACILITATOR_MANUAL,
    GROUP_AGREEMENTS,
    HOME,
    SAFETY_PAGE,
    handouts_pdf,
    module_path,
    session_path,
    track_path,
    week_pdf,
)
from ..site.render import clock12
from .built_pages import BuiltPage, as_html, for_print, read_page
from .qr_codes import qr_image, short_address

TEMPLATES = Path(__file__).parent / "templates"


@dataclass
class PrintJob:
    name: str  # its file name in site/pdf/
    html: str
    paper: str  # letter | a4
    pages_wanted: int | None = None  # a document that must fit: its page count


@dataclass
class Part:
    """One page of a site inside a printed document, starting on a new page."""

    anchor: str
    title: str
    header: str  # the running header while it lasts
    level: int  # in the contents: 1 for a module or page, 2 for a session
    html: Markup = field(default_factory=Markup)


def _environment() -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True,
                              undefined=jinja2.StrictUndefined, trim_blocks=True,
                              lstrip_blocks=True)


def edition_date(epoch: int) -> dt.datetime:
    return dt.datetime.fromtimestamp(epoch, dt.UTC)


def _parts(folder: Path, docs_paths: list[tuple[str, int, str | None]]) -> list[Part]:
    """(docs path, contents level, module title for the running header) -> parts, with
    links between them made links within the document."""
    pages = [(read_page(folder, path), level, module) for path, level, module in docs_paths]
    anchors = {page.url: f"p{n}" for n, (page, _, _) in enumerate(pages)}
    parts = []
    for page, level, module in pages:
        anchor = anchors[page.url]
        header = f"{module} · {page.title}" if module else page.title
        parts.append(Part(anchor, page.title, header, level,
                          Markup(as_html(for_print(page, anchor, anchors)))))
    return parts


def manual_job(curriculum: Curriculum, guide: Path, epoch: int) -> PrintJob:
    """The whole Facilitator Guide as one manual: cover, contents, the group agreements,
    the safety protocols, each track's schedule, every module and session plan."""
    wanted: list[tuple[str, int, str | None]] = [(GROUP_AGREEMENTS, 1, None)]
    if curriculum.program.safety_protocols:
        wanted.append((SAFETY_PAGE, 1, None))
    wanted += [(track_path(track, "facilitator"), 1, None) for track in curriculum.tracks]
    for module in curriculum.modules:
        wanted.append((module_path(module), 1, None))
        wanted += [(session_path(entry), 2, module.module.title) for entry in module.sessions]
    edition = edition_date(epoch)
    home = read_page(guide, HOME)
    html = _environment().get_template("manual.html.j2").render(
        program=curriculum.program, title=f"{curriculum.program.name}: Facilitator manual",
        edition=f"{edition:%B} {edition.day}, {edition.year}", created=edition.isoformat(),
        intro=home.article.find(".//p"), parts=_parts(guide, wanted), text_of=_plain)
    return PrintJob(FACILITATOR_MANUAL, html, curriculum.program.paper_size)


def _plain(element: ET.Element | None) -> str:
    return " ".join("".join(element.itertext()).split()) if element is not None else ""


def _add_qr_codes(part: Part, page: BuiltPage, worksheets: list[str], address: str,
                  words: gettext.NullTranslations) -> None:
    """Below each worksheet's heading, a QR code of its fillable page and the address
    to type."""
    article = page.article
    for worksheet in worksheets:
        heading = article.find(f".//h2[@id='{part.anchor}-worksheet-{worksheet}']")
        if heading is None:
            continue
        parent = next(p for p in article.iter() if heading in list(p))
        online = f"{address}#worksheet-{worksheet}"
        box = ET.Element("div", {"class": "iop-qr"})
        ET.SubElement(box, "img", {"src": qr_image(online), "alt": "", "class": "iop-qr__code",
                                   "data-address": online})
        caption = ET.SubElement(box, "p", {"class": "iop-qr__text"})
        caption.text = words.gettext("Fill it in online:") + " "
        link = ET.SubElement(caption, "span", {"class": "iop-qr__address"})
        link.text = short_address(online)
        parent.insert(list(parent).index(heading) + 1, box)


def handouts_job(curriculum: Curriculum, module: ModuleEntry, workbook: Path,
                 words: gettext.NullTranslations, language: str | None,
                 site_address: str | None) -> PrintJob:
    """A module's client handouts: each session's reading, key points, worksheets with
    room to write and practice list, the crisis lines at the foot of every page; with the
    workbook's published address, each worksheet's QR code.

    `curriculum` is the client's (select_audience) and `workbook` that language's built
    workbook: nothing else is read."""
    paths = [module_path(module)] + [session_path(entry) for entry in module.sessions]
    pages = [read_page(workbook, path) for path in paths]
    anchors = {page.url: f"p{n}" for n, page in enumerate(pages)}
    parts = []
    for number, page in enumerate(pages):
        part = Part(anchors[page.url], page.title, page.title, 1 if number == 0 else 2)
        worksheets = page.worksheet_ids()  # read before ids get the part's prefix
        page.article = for_print(page, part.anchor, anchors)
        if site_address and worksheets:
            _add_qr_codes(part, page, worksheets, site_address + page.url, words)
        part.html = Markup(as_html(page.article))
        parts.append(part)
    html = _environment().get_template("handouts.html.j2").render(
        language=language or "en", title=pages[0].title, program=curriculum.program,
        subtitle=words.gettext("Pages to print"), crisis_lines=pages[0].crisis_lines,
        parts=parts)
    return PrintJob(handouts_pdf(module.module.id, language), html,
                    curriculum.program.paper_size)


@dataclass
class WeekCell:
    title: str
    note: str = ""


def week_grid(track: TrackEntry) -> tuple[list[str], list[tuple[str, dict[str, list[WeekCell]]]]]:
    """Days with groups, and for each start time (12-hour), what meets on each day: the
    client's words (a curriculum session is a group whose topic changes)."""
    phases = track_views.phase_titles(track)
    days: list[str] = []
    rows: dict[str, dict[str, list[WeekCell]]] = {}
    for pattern in track_views.day_patterns(track):
        days += pattern.days
        for item in pattern.items:
            title = item.title or "Group session (the topic changes each time)"
            notes = []
            if item.phases:
                notes.append("in your " + " and ".join(phases[p] for p in item.phases)
                             + " weeks")
            if item.some_weeks:
                notes.append("some weeks")
            time = f"{clock12(item.start)} to {clock12(item.end)}"
            for day in pattern.days:
                rows.setdefault(item.start, {}).setdefault(day, []).append(
                    WeekCell(f"{title}" if item.kind != "break" else "Break",
                             "; ".join(notes) + (" · " if notes else "") + time))
    ordered_days = [day for day in WEEKDAYS if day in days]
    return ordered_days, [(clock12(start), rows[start]) for start in sorted(rows)]


def week_job(curriculum: Curriculum, track: TrackEntry, crisis_lines: str) -> PrintJob:
    """A track's week on one landscape page: days across, times down, and what to bring.
    From the client view of the curriculum, in the workbook's words."""
    days, rows = week_grid(track)
    html = _environment().get_template("week.html.j2").render(
        track=track, days=days, rows=rows, program=curriculum.program,
        phases=track_views.phase_rows(track), crisis_lines=crisis_lines)
    return PrintJob(week_pdf(track.id), html, curriculum.program.paper_size, pages_wanted=1)
