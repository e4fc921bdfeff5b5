"""Render: turn one audience's curriculum into Markdown pages and a nav.

Page templates live in templates/<audience>/ (or templates/shared/ when both audiences
get the same page) and read like the pages they make, with repeated pieces in
templates/partials/. Editors can change wording there without touching
Python. Nothing here knows about MkDocs: the hook and `iopkit export` both call
`render_site` and get the same pages.
"""

from __future__ import annotations

import gettext
import posixpath
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2
import markdown

from ..content.model import CrisisResource, Curriculum, Program
from ..content.track_time import block_end, days_per_week, hours_per_week, session_slots, week_hours
from . import track_views
from .answers_manifest import manifest_script, web_app_manifest, worksheets_script
from .contact_cards import contact_cards
from .glossary import definitions_adder
from .paths import (
    ANSWERS_SCRIPT,
    CONTACT_CARDS,
    FACILITATOR_MANUAL,
    FIRST_GROUP,
    GET_HELP,
    GLOSSARY,
    GROUP_AGREEMENTS,
    HOME,
    MY_ANSWERS,
    SAFETY_PAGE,
    WEB_APP_MANIFEST,
    WORKSHEETS_SCRIPT,
    cards_page,
    handouts_pdf,
    has_cards,
    link_to_other_site,
    link_to_pdf,
    module_path,
    session_path,
    track_path,
    week_pdf,
)
from .registry import Audience
from .run_plan import AGENDA_SECTIONS, run_plan

if TYPE_CHECKING:
    from .translate import Translator

TEMPLATES = Path(__file__).parent / "templates"

NavItem = dict[str, Any] | str  # {title: page or section}, or a section's own page


@dataclass
class RenderedSite:
    audience: Audience
    curriculum: Curriculum  # as cut to the audience
    pages: dict[str, str] = field(default_factory=dict)  # docs path -> Markdown
    files: dict[str, str] = field(default_factory=dict)  # other generated files -> text
    nav: list[NavItem] = field(default_factory=list)
    # For the workbook in another language: its translations (and what they lack).
    words: Translator | None = None

    @property
    def program(self) -> Program:
        return self.curriculum.program


def clock(minutes: int) -> str:
    """Minutes from the start of a session as a running clock: 0:00, 0:10, 1:05."""
    return f"{minutes // 60}:{minutes % 60:02d}"


def hours(value: float) -> str:
    """Hours as people read them: one decimal place at most, 10.333 as "10.3", 10.0 as "10".

    Rounded half up (11.25 hours, 675 minutes, reads "11.3"), not to the even neighbour as
    Python's round() does.
    """
    rounded = Decimal(str(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return f"{rounded:f}".removesuffix(".0")


def table_cell(text: str) -> str:
    """Keep Markdown text inside one table cell: one line, no column breaks."""
    return " ".join(text.split()).replace("|", "\\|")


_INLINE = markdown.Markdown()  # one instance, reset per use: building one costs ~1 ms


def inline_markdown(text: str) -> str:
    """Markdown for one line inside HTML we write (a checkbox label, a list item)."""
    return _inline_html(" ".join(text.split()))


# Remembered: the same labels recur on many pages, and a preview's rebuild after a save
# (`iopkit serve`) converts again only the lines that changed; at ten times the sample's
# size, converting them all was a third of rendering the workbook.
@lru_cache(maxsize=8192)
def _inline_html(line: str) -> str:
    return _INLINE.reset().convert(line).removeprefix("<p>").removesuffix("</p>")


def clock12(clock: str, words: gettext.NullTranslations | None = None) -> str:
    """24-hour "13:05" as people in the US read it: "1:05 p.m." (in the workbook's
    language when `words` translates "a.m." and "p.m.")."""
    hours, minutes = (int(part) for part in clock.split(":"))
    suffix = "a.m." if hours < 12 else "p.m."
    if words is not None:
        suffix = words.gettext(suffix)
    return f"{(hours - 1) % 12 + 1}:{minutes:02d} {suffix}"


def contact_href(contact: Any) -> str:
    digits = contact.dialed
    if contact.method in ("call", "tty"):
        return f"tel:{digits}"
    if contact.method == "text":
        return f"sms:{digits}"
    return contact.value


class _CompiledTemplates(jinja2.BytecodeCache):
    """Templates compiled once per process, whatever the environment (each render makes
    its own, with its language's words): a preview's rebuild after a save, or a test
    session's many renders, skip compiling them again; and, where a build gives a folder
    (keep_compiled_templates_in), once for all processes: compiling them was a tenth of a
    small site's build. Jinja checks each template's source against its compiled code, so
    an edited template is compiled anew."""

    def __init__(self) -> None:
        self._compiled: dict[str, bytes] = {}
        self.on_disk: jinja2.FileSystemBytecodeCache | None = None

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self._compiled:
            bucket.bytecode_from_string(self._compiled[bucket.key])
        elif self.on_disk is not None:
            self.on_disk.load_bytecode(bucket)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._compiled[bucket.key] = bucket.bytecode_to_string()
        if self.on_disk is not None:
            self.on_disk.dump_bytecode(bucket)


_COMPILED = _CompiledTemplates()


def keep_compiled_templates_in(folder: Path | None) -> None:
    """Keep the templates' compiled code in `folder` too (None: in this process only)."""
    _COMPILED.on_disk = jinja2.FileSystemBytecodeCache(str(folder)) if folder else None


def _environment(words: gettext.NullTranslations) -> jinja2.Environment:
    """Templates, with the workbook's interface words from `words` (English when null)."""
    env = jinja2.Environment(
        bytecode_cache=_COMPILED,
        extensions=["jinja2.ext.i18n"],
        loader=jinja2.FileSystemLoader(TEMPLATES),
        undefined=jinja2.StrictUndefined,  # a typo in a template fails the build, loudly
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,  # Markdown out; HTML pieces escape explicitly with |e
    )
    env.install_gettext_translations(words, newstyle=True)  # type: ignore[attr-defined]
    env.filters.update(clock=clock, cell=table_cell, contact_href=contact_href,
                       inline_markdown=inline_markdown, hours=hours,
                       clock12=lambda value: clock12(value, words),
                       day_name=lambda day: words.gettext(day.capitalize()),
                       looked_up=lambda ids, names: ", ".join(names[i] for i in ids))
    env.globals.update(block_end=block_end, week_hours=week_hours,
                       hours_per_week=hours_per_week, days_per_week=days_per_week,
                       day_names=lambda days: track_views.day_names(
                           [words.gettext(day.capitalize()) for day in days], words.gettext("and")),
                       day_patterns=track_views.day_patterns,
                       grid=track_views.grid, meeting_times=track_views.meeting_times,
                       phase_rows=track_views.phase_rows, phase_titles=track_views.phase_titles,
                       session_days=track_views.session_days, first_day=track_views.first_day,
                       agenda_clocks=track_views.agenda_clocks, at_clock=track_views.at_clock,
                       side_by_side=track_views.side_by_side,
                       agenda_sections=AGENDA_SECTIONS, run_plan=run_plan)
    return env


def _help_order(program: Program) -> list[CrisisResource]:
    """Emergency first, then crisis lines, then treatment lines; the program's own
    after-hours line leads the crisis lines."""
    own = [program.local_facts.after_hours] if program.local_facts.after_hours else []
    resources = own + list(program.crisis_resources)
    return sorted(resources, key=lambda r: ("emergency", "crisis", "treatment").index(r.kind))


def render_site(curriculum: Curriculum, audience: Audience, *, other_site_url: str = "",
                words: gettext.NullTranslations | None = None, pdf_url: str = "",
                language: str | None = None) -> RenderedSite:
    """Every generated page of one audience's site, with its nav.

    `curriculum` must already be cut to the audience (audience.select_audience), and for
    another language translated (translate.translate_curriculum); `words` then gives the
    templates' own words in that language, and `language` its code.

    `pdf_url` is the folder of the printed documents, relative to the site's root, when
    they are built with the site: pages then link to them (the manual, a module's handout
    packet, a track's week at a glance); without it, no page does, so no link is dead.
    """
    words = words or gettext.NullTranslations()
    env = _environment(words)
    site = RenderedSite(audience, curriculum)
    sessions = {e.session.id: (m, e) for m in curriculum.modules for e in m.sessions}
    tracks = list(curriculum.tracks)
    help_lines = _help_order(curriculum.program)
    context = {"program": curriculum.program, "curriculum": curriculum,
               "help_lines": help_lines,
               "focus_areas": {area.id: area.label for area in curriculum.program.focus_areas},
               "module_path": module_path, "session_path": session_path,
               "cards_path": lambda entry: cards_page(entry.module_id, entry.session.id),
               "safety_page": SAFETY_PAGE, "group_agreements_path": GROUP_AGREEMENTS,
               "get_help_path": GET_HELP,
               "sessions": sessions, "tracks": tracks, "slots": session_slots(tracks),
               "track_path": lambda track: track_path(track, audience),
               "worksheet_titles": lambda session: [
                   curriculum.worksheets[ws].worksheet.title for ws in session.worksheets]}

    def render(template: str, docs_path: str, **extra: Any) -> None:
        page_context = {**context, "page_path": docs_path, **extra,
                        "relative": lambda target: posixpath.relpath(
                            target, posixpath.dirname(docs_path) or ".")}
        if other_site_url:
            page_context["other_site"] = lambda target: link_to_other_site(
                docs_path, other_site_url, target)
        if pdf_url:
            page_context["printed"] = {
                "manual": link_to_pdf(docs_path, pdf_url, FACILITATOR_MANUAL),
                "handouts": lambda module_id: link_to_pdf(
                    docs_path, pdf_url, handouts_pdf(module_id, language)),
                # one week at a glance per track, in English only: none for another language
                "week": (lambda track_id: link_to_pdf(docs_path, pdf_url, week_pdf(track_id)))
                if language is None else None}
        # A page both audiences share may live in templates/shared/.
        chosen = env.select_template([f"{audience}/{template}", f"shared/{template}"])
        site.pages[docs_path] = chosen.render(page_context)

    render("home.md.j2", HOME)
    render("group-agreements.md.j2", GROUP_AGREEMENTS)
    _ = words.gettext  # the nav in the workbook's language (theme_words lists these)
    site.nav = [{_("Home"): HOME}, {_("Group agreements"): GROUP_AGREEMENTS}]
    if audience == "facilitator":  # hand-written guide pages may link to it
        render("safety-in-group.md.j2", SAFETY_PAGE)
        site.nav.append({"Disclosures and safety in group": SAFETY_PAGE})
    if audience == "client":
        render("first-group.md.j2", FIRST_GROUP)
        site.nav.append({_("Your first group"): FIRST_GROUP})
        render("get-help.md.j2", GET_HELP, contact_cards=CONTACT_CARDS)
        site.nav.append({_("Get help now"): GET_HELP})
        site.files[CONTACT_CARDS] = contact_cards(help_lines)
        if curriculum.program.glossary:
            render("glossary.md.j2", GLOSSARY)
            site.nav.append({_("Words to know"): GLOSSARY})
        render("my-answers.md.j2", MY_ANSWERS)
        site.nav.append({_("My answers"): MY_ANSWERS})
        site.files[ANSWERS_SCRIPT] = manifest_script(curriculum, words)
        site.files[WORKSHEETS_SCRIPT] = worksheets_script(curriculum, words)
        site.files[WEB_APP_MANIFEST] = web_app_manifest(curriculum, words)
    if tracks:
        schedule: list[NavItem] = []
        for track in tracks:
            render("track.md.j2", track_path(track, audience), track=track)
            schedule.append({track.title: track_path(track, audience)})
        site.nav.append({"Schedule" if audience == "facilitator" else _("Your week"): schedule})
    for module in curriculum.modules:
        render("module.md.j2", module_path(module), module=module)
        section: list[NavItem] = [module_path(module)]
        for number, entry in enumerate(module.sessions, start=1):
            worksheets = [curriculum.worksheets[ws].worksheet for ws in entry.session.worksheets]
            render("session.md.j2", session_path(entry), module=module, entry=entry,
                   session=entry.session, number=number, worksheets=worksheets)
            section.append({f"{number}. {entry.session.title}": session_path(entry)})
            if audience == "facilitator" and has_cards(entry):
                cards = cards_page(module.module.id, entry.session.id)
                render("cards.md.j2", cards, module=module, entry=entry, session=entry.session)
                section.append({f"{number}. Cards to print": cards})
        site.nav.append({module.module.title: section})
    if audience == "client":  # each page explains the glossary terms it uses
        explain = definitions_adder(curriculum.program.glossary)
        site.pages = {path: page if path == GLOSSARY else explain(page)
                      for path, page in site.pages.items()}
    return site
