"""The menu that iopkit's theme renders once per folder (theme/partials/nav.html with
build/nav_items.py) is byte for byte the menu Material renders for every page."""

from __future__ import annotations

import shutil
from pathlib import Path

import material

from helpers import FIXTURES, build_site, make_project
from iopkit.site.registry import site_for

MATERIAL_NAV = Path(material.__file__).parent / "templates" / "partials" / "nav.html"


def pages_of(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*.html"))}


def test_every_page_has_the_menu_material_itself_renders(tmp_path):
    project = make_project(tmp_path / "project", FIXTURES / "program")
    for audience in ("facilitator", "client"):
        site = site_for(audience)
        ours = pages_of(build_site(project, site, tmp_path / f"ours-{audience}"))
        # A program's own overrides come first: Material's original nav.html replaces ours.
        override = project / "overrides" / "partials" / "nav.html"
        override.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(MATERIAL_NAV, override)
        materials = pages_of(build_site(project, site, tmp_path / f"material-{audience}"))
        override.unlink()

        assert ours.keys() == materials.keys()
        # The fixture has modules side by side and several pages in a module's folder, so
        # items are reused within a folder and rendered anew in another.
        assert sum("md-nav__item--pruned" in page.decode() for page in ours.values()) > 3
        different = [path for path in ours if ours[path] != materials[path]]
        assert different == [], f"menus differ from Material's on {different[:5]}"
