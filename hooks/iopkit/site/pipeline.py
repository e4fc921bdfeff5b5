"""The whole pipeline for one audience: load -> validate -> select -> render.

The MkDocs hook, the CLI and the tests all call `render_audience`, so the pages a test
checks are the pages a site is built from.
"""

from __future__ import annotations

from pathlib import Path

from ..content.problems import Problem
from ..content.validate import load_curriculum
from .audience import select_audience
from .registry import Audience
from .render import RenderedSite, render_site


def render_audience(root: Path, audience: Audience, *,
                    other_site_url: str = "") -> tuple[RenderedSite, list[Problem]]:
    """Pages and nav of one audience's site, and the content warnings found on the way.

    Raises ContentError (listing every problem) when the curriculum has errors.
    """
    curriculum, warnings = load_curriculum(root)
    site = render_site(select_audience(curriculum, audience), audience,
                       other_site_url=other_site_url)
    return site, warnings
