"""The whole pipeline for one audience: load -> validate -> select -> render.

The MkDocs hook, the CLI and the tests all call `render_audience`, so the pages a test
checks are the pages a site is built from.
"""

from __future__ import annotations

from pathlib import Path

from ..content.problems import Problem
from ..content.validate import load_curriculum
from .audience import select_audience
from .client_strings import curriculum_texts
from .registry import Audience
from .render import RenderedSite, render_site
from .translate import translate_curriculum, translator
from .translations import interface_translations


def render_audience(root: Path, audience: Audience, *, other_site_url: str = "",
                    language: str | None = None,
                    pdf_url: str = "") -> tuple[RenderedSite, list[Problem]]:
    """Pages and nav of one audience's site, and the content warnings found on the way;
    for the workbook in another `language`, translated (text with no finished translation
    stays English: `site.words.missing` holds it). With `pdf_url`, pages link to the
    printed documents in that folder (render_site).

    Raises ContentError (listing every problem) when the curriculum has errors.
    """
    curriculum, warnings = load_curriculum(root)
    view = select_audience(curriculum, audience)
    if language is None:
        return render_site(view, audience, other_site_url=other_site_url,
                           pdf_url=pdf_url), warnings
    words = translator(root, language)
    expected = {(text.file, text.where) for text in curriculum_texts(root, curriculum)}
    translated = translate_curriculum(view, words, expected)
    site = render_site(translated, audience, other_site_url=other_site_url,
                       words=interface_translations(root, language), pdf_url=pdf_url,
                       language=language)
    site.words = words
    return site, warnings
