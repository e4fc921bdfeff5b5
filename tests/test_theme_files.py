"""The theme's files MkDocs copies into a site: listed without Material's icon folder,
and still exactly the files MkDocs' own listing gives."""

from __future__ import annotations

import jinja2
import pytest
from mkdocs.config import load_config
from mkdocs.structure.files import Files

from helpers import make_project, run_iopkit
from iopkit.build.mkdocs_plugin import add_theme
from iopkit.build.theme_files import ThemeLoader, with_theme_loader


def _theme_files(env: jinja2.Environment, config) -> list[str]:
    files = Files([])
    files.add_files_from_theme(env, config)  # as every build does
    return sorted(file.src_uri for file in files)


@pytest.fixture
def environments(tmp_path):
    """A project's config with iopkit's theme between the overrides and Material, and the
    theme's environment as Jinja makes it and as the plugin gives it (ThemeLoader)."""
    root = make_project(tmp_path / "project")
    config = load_config(config_file=str(root / "mkdocs.yml"))
    add_theme(config)
    own = jinja2.Environment(loader=jinja2.FileSystemLoader(config.theme.dirs))
    lean = with_theme_loader(jinja2.Environment(loader=jinja2.FileSystemLoader(config.theme.dirs)))
    return config, own, lean


def test_the_theme_s_files_are_those_mkdocs_itself_would_copy(environments):
    config, own, lean = environments
    everything = own.list_templates()
    assert any(name.startswith(".icons/") for name in everything)  # what is not walked

    assert isinstance(lean.loader, ThemeLoader)
    assert not any("/." in f"/{name}" for name in lean.list_templates())
    copied = _theme_files(lean, config)
    assert copied == _theme_files(own, config)
    assert "assets/iopkit.css" in copied  # iopkit's theme
    assert any(name.startswith("assets/javascripts/bundle.") for name in copied)  # Material's


def test_templates_are_found_and_read_as_before(environments):
    _, own, lean = environments
    for name in ("main.html", "partials/nav.html", ".icons/material/account-group.svg"):
        assert lean.loader.get_source(lean, name)[0] == own.loader.get_source(own, name)[0]


def test_an_edited_override_shows_in_the_next_build_though_templates_stay_compiled(
        tmp_path, monkeypatch):
    """Compiled templates are kept between builds (~/.cache/iopkit/jinja): a program's
    edited override is compiled anew, not taken from there."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    root = make_project(tmp_path / "project")
    override = root / "overrides" / "partials" / "copyright.html"
    override.parent.mkdir(parents=True, exist_ok=True)
    page = root / "site" / "facilitator" / "index.html"
    for clinic in ("Clinic A", "Clinic B"):
        override.write_text(f'<div class="md-copyright">Written by {clinic}</div>\n')
        result = run_iopkit(root, "build", "--no-pdf", "--site", "facilitator")
        assert result.returncode == 0, result.stderr
        assert f"Written by {clinic}" in page.read_text(encoding="utf-8")
    kept = list((tmp_path / "cache" / "iopkit" / "jinja").iterdir())
    assert len(kept) > 20  # Material's templates, iopkit's, and the override: all kept
