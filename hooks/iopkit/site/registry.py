"""The sites iopkit builds: one registry that the CLI, the MkDocs hook, the export, the
benchmark and the tests all read, so a site is named one way everywhere.

An audience is who reads a site (facilitator | client); a site is what is built for it
(facilitator | workbook), from its own MkDocs config into its own output folder.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

# The name a site's config lists under `plugins:`, and the theme the plugin brings, which
# the plugin layers under a program's own overrides and the export copies.
PLUGIN = "iopkit"
THEME_DIR = Path(__file__).resolve().parent.parent / "theme"

# Set to 1 by `iopkit serve`: the workbook may show placeholder text, under a banner.
DRAFT_ENV = "IOPKIT_DRAFT"

Audience = Literal["facilitator", "client"]
AUDIENCES: tuple[Audience, ...] = ("facilitator", "client")


@dataclass(frozen=True)
class Site:
    name: str  # what the CLI (--site), output and export folders call it
    audience: Audience
    config_file: str  # the MkDocs config, relative to the project root
    output: str  # where `iopkit build` puts it, relative to the project root
    # A zip of the built site a program can hand out (unzip, open index.html, offline).
    handout: str | None = None
    language: str | None = None  # the workbook in another of program.yml's languages


def language_site(code: str) -> Site:
    """The workbook in another language: published inside the workbook, at <workbook>/<code>/."""
    workbook = site_for("client")
    return Site(f"{workbook.name}-{code}", "client", workbook.config_file,
                f"{workbook.output}/{code}", handout=f"{workbook.output}-{code}.zip",
                language=code)


SITES: tuple[Site, ...] = (
    Site("facilitator", "facilitator", "mkdocs.yml", "site/facilitator"),
    Site("workbook", "client", "workbook.yml", "site/workbook", handout="site/workbook.zip"),
)
SITE_NAMES: tuple[str, ...] = tuple(site.name for site in SITES)


def site_named(name: str) -> Site:
    for site in SITES:
        if site.name == name:
            return site
    raise KeyError(f"no site is named '{name}'; sites: {', '.join(SITE_NAMES)}")


def site_for(audience: Audience) -> Site:
    for site in SITES:
        if site.audience == audience:
            return site
    raise KeyError(f"no site is built for audience '{audience}'")
