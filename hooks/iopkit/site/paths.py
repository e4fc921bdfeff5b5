"""Where each generated page lives in a site, worked out from the curriculum alone.

Rendering writes pages at these paths, and lint checks links against them, without
rendering anything.
"""

from __future__ import annotations

import posixpath

from ..content.model import Curriculum, ModuleEntry, SessionEntry, TrackEntry
from .registry import Audience

HOME = "index.md"
GROUP_AGREEMENTS = "group-agreements.md"
GET_HELP = "get-help.md"  # the workbook's crisis page
GLOSSARY = "glossary.md"  # the workbook's "Words to know", when the program has a glossary
CONTACT_CARDS = "crisis-contacts.vcf"  # the crisis lines, for a phone's contacts
MY_ANSWERS = "my-answers.md"  # every answer saved on this device, to read, print or save
ANSWERS_SCRIPT = "assets/iopkit-workbook.js"  # what every page's answers script needs
WORKSHEETS_SCRIPT = "assets/iopkit-worksheets.js"  # every worksheet, loaded when needed
WEB_APP_MANIFEST = "manifest.webmanifest"  # add to Home Screen
SAFETY_PAGE = "safety-in-group.md"  # the guide's safety protocols (program.yml)
FIRST_GROUP = "first-group.md"  # the workbook's page for someone new

# The printed documents (`iopkit build` writes them into site/pdf/, beside the sites).
PDF_FOLDER = "pdf"
FACILITATOR_MANUAL = "facilitator-manual.pdf"


def module_page(module_id: str) -> str:
    return f"{module_id}/index.md"


def session_page(module_id: str, session_id: str) -> str:
    return f"{module_id}/{session_id}.md"


def cards_page(module_id: str, session_id: str) -> str:
    """A session's printable card sheet (Facilitator Guide)."""
    return f"{module_id}/{session_id}-cards.md"


def has_cards(entry: SessionEntry) -> bool:
    facilitator = getattr(entry.session, "facilitator", None)
    return bool(facilitator and facilitator.cards)


def module_path(module: ModuleEntry) -> str:
    return module_page(module.module.id)


def session_path(entry: SessionEntry) -> str:
    return session_page(entry.module_id, entry.session.id)


def track_path(track: TrackEntry, audience: Audience) -> str:
    return f"tracks/{track.id}.md" if audience == "facilitator" else f"your-week/{track.id}.md"


def generated_pages(curriculum: Curriculum, audience: Audience) -> list[str]:
    """Every page `render_site` writes for this audience, in nav order."""
    pages = [HOME, GROUP_AGREEMENTS]
    if audience == "facilitator":
        pages.append(SAFETY_PAGE)
    if audience == "client":
        pages += [FIRST_GROUP, GET_HELP]
        if curriculum.program.glossary:
            pages.append(GLOSSARY)
        pages.append(MY_ANSWERS)
    pages += [track_path(t, audience) for t in curriculum.tracks]
    for module in curriculum.modules:
        pages.append(module_path(module))
        for entry in module.sessions:
            pages.append(session_path(entry))
            if audience == "facilitator" and has_cards(entry):
                pages.append(cards_page(entry.module_id, entry.session.id))
    return pages


def handouts_pdf(module_id: str, language: str | None = None) -> str:
    """A module's client handout packet, in the workbook's language."""
    return f"handouts-{module_id}-{language}.pdf" if language else f"handouts-{module_id}.pdf"


def week_pdf(track_id: str) -> str:
    """A track's week at a glance, one page for the fridge."""
    return f"week-{track_id}.pdf"


def link_to_pdf(from_docs_path: str, pdf_url: str, name: str) -> str:
    """A link from a page to a printed document; `pdf_url` is the PDF folder relative to
    the site's root (../pdf/ for a site in site/<name>/)."""
    return ("../" * from_docs_path.count("/")) + pdf_url.rstrip("/") + "/" + name


def page_url(docs_path: str) -> str:
    """The URL MkDocs gives a page, relative to the site root.

    Both sites are built for offline use (Material's offline plugin), which turns off
    directory URLs: modules/x.md becomes modules/x.html.
    """
    return docs_path[:-3] + ".html"


def link_to_other_site(from_docs_path: str, other_site_url: str, docs_path: str) -> str:
    """A link from a page of this site to a page of the other site.

    Templates write it as a raw <a href>: MkDocs checks Markdown links against this site's
    own pages and would reject a link that leaves the site.

    `other_site_url` is the other site's root, absolute (https://...) or relative to this
    site's root (../workbook/ when both are published side by side).
    """
    target = other_site_url.rstrip("/") + "/" + page_url(docs_path)
    if "://" in other_site_url or other_site_url.startswith("/"):
        return target
    depth = from_docs_path.count("/")
    return posixpath.normpath(("../" * depth) + target)
