"""`iopkit export --format markdown DIR`: each site as a plain MkDocs project, no plugin of ours.

MkDocs 1.x is frozen and Material reaches end of life on 2027-05-05; its successor Zensical
reads `mkdocs.yml` but runs no MkDocs plugins or hooks. So this writes what the plugin would
have added at build time into files: the pages (the same `render_audience` output the plugin
serves, not a second renderer), the nav, iopkit's theme under the program's overrides, the
workbook's crisis resources and its Content-Security-Policy.
`mkdocs build`, `properdocs build` or `zensical build` then builds the folder as it is.

Layout: with one site named, DIR is that site's project (DIR/mkdocs.yml); without, every
site side by side in DIR/<site name>/ (facilitator/, workbook/), as they are published.
"""

from __future__ import annotations

import copy
import importlib.metadata
import importlib.util
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..build.run_mkdocs import mkdocs_command, mkdocs_env
from ..protection.csp import policy
from ..site.pipeline import render_audience
from ..site.registry import PLUGIN, SITE_NAMES, SITES, THEME_DIR, Site, site_named
from ..site.render import RenderedSite

# Build-time settings that mean nothing in an exported project: its docs/ holds every page,
# its overrides/ sit beside the config, and nothing there needs watching.
_DROPPED_KEYS = ("INHERIT", "watch", "docs_dir", "site_dir")
# What a plain MkDocs build of the export needs, pinned in its requirements.txt.
_MATERIAL_PACKAGES = ("mkdocs", "mkdocs-material", "pymdown-extensions")


class ExportError(Exception):
    """A problem with what was asked, said in one line with how to fix it."""


def load_site_config(config_file: Path) -> dict[str, Any]:
    """A site config with INHERIT resolved, as MkDocs resolves it.

    Merged here rather than with `mkdocs.config.load_config`: only the plugin imports MkDocs
    (the package must outlive it), and MkDocs' loader would hand back validated option
    objects (theme, plugins, nav) that are harder to write back out than the plain YAML.
    The merge is MkDocs' own rule (mergedeep's REPLACE): mappings merge key by key, any
    other value of the child, lists included, replaces the parent's.
    """
    if not config_file.is_file():
        raise ExportError(f"{config_file} does not exist; run iopkit in the project folder "
                          "(or give --root) and check INHERIT names a file beside it")
    try:
        data = yaml.safe_load(config_file.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as err:
        # e.g. !ENV or !relative: values only MkDocs can work out at build time
        why = getattr(err, "problem", None) or err  # a MarkedYAMLError says what it met
        raise ExportError(f"{config_file}: cannot read it as plain YAML ({why}); "
                          "write the value out instead of using a YAML tag") from None
    parent_name = data.pop("INHERIT", None)
    if parent_name is None:
        return data
    return _merged(load_site_config(config_file.parent / parent_name), data)


def _merged(parent: dict[str, Any], child: dict[str, Any]) -> dict[str, Any]:
    result = copy.deepcopy(parent)
    for key, value in child.items():
        if isinstance(value, dict) and isinstance(result.get(key), dict):
            result[key] = _merged(result[key], value)
        else:
            result[key] = copy.deepcopy(value)
    return result


def _is_iopkit(plugin_entry: str | dict[str, Any]) -> bool:
    """`- iopkit` or `- iopkit: {...}` in a config's plugins list."""
    return plugin_entry == PLUGIN or (isinstance(plugin_entry, dict) and PLUGIN in plugin_entry)


def exported_config(source: dict[str, Any], site: RenderedSite) -> dict[str, Any]:
    """The project's mkdocs.yml: the source config with the plugin's work written in."""
    config = {key: value for key, value in copy.deepcopy(source).items()
              if key not in _DROPPED_KEYS}
    # The iopkit plugin's work is written into the project; the other plugins stay.
    if "plugins" in config:
        config["plugins"] = [entry for entry in config["plugins"] if not _is_iopkit(entry)]
    config["docs_dir"] = "docs"
    config["strict"] = True
    theme = config.setdefault("theme", {})
    theme["custom_dir"] = "overrides"
    # Zensical's default look ("modern") differs from Material's: new icons, a light crisis
    # bar. "classic" is its Material look; Material ignores the key.
    theme.setdefault("variant", "classic")
    config["nav"] = site.nav + (source.get("nav") or [])  # generated pages first, as the plugin does
    if site.audience == "client":
        # The plugin's on_config puts these in for the theme's crisis bar on every page.
        config.setdefault("extra", {})["crisis_resources"] = [
            resource.model_dump(mode="json") for resource in site.program.crisis_resources]
    return config


def config_text(config: dict[str, Any]) -> str:
    header = ("# Written by `iopkit export --format markdown` from the curriculum; it needs no\n"
              "# iopkit. Build with `mkdocs build`, `properdocs build` or `zensical build`.\n"
              "# Edit the curriculum and export again rather than editing these files.\n")
    return header + yaml.safe_dump(config, sort_keys=False, allow_unicode=True, width=100)


def write_docs(project: Path, hand_written: Path, site: RenderedSite) -> None:
    """docs/: the hand-written pages, then every generated page and file."""
    docs = project / "docs"
    if hand_written.is_dir():
        shutil.copytree(hand_written, docs, ignore=shutil.ignore_patterns("__pycache__"))
    for docs_path, markdown in {**site.pages, **site.files}.items():
        page = docs / docs_path
        if page.exists():  # the plugin refuses this too (on_files)
            raise ExportError(f"{hand_written / docs_path} is written by hand but iopkit "
                              "generates that page; rename or remove the hand-written file")
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(markdown, encoding="utf-8")


def write_requirements(project: Path, builders: list[str], *, with_policy: bool) -> None:
    """The builder versions this export was built with, for `pip install -r`."""
    lines = ["# What `iopkit export` built this project with: pip install -r requirements.txt"]
    if with_policy:
        lines += ["# The Content-Security-Policy in overrides/main.html allows these versions'",
                  "# inline scripts by hash: with other versions, export again."]
    lines += [f"{name}=={importlib.metadata.version(name)}" for name in builders]
    (project / "requirements.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")


def _built_pages(command: list[str], cwd: Path, site: Path, builder: str) -> list[str]:
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True,
                            env=mkdocs_env())
    if result.returncode != 0:
        raise ExportError(f"the exported project does not build with {builder} --strict, so "
                          f"nothing was written; fix what {builder} says below and export "
                          f"again:\n{result.stdout}{result.stderr}")
    return [page.read_text(encoding="utf-8") for page in sorted(site.rglob("*.html"))]


def mkdocs_pages(project: Path) -> list[str]:
    """Every HTML page of the project as plain MkDocs and the installed Material build it.

    Every export is built once: a project that does not build --strict is not written.
    """
    with tempfile.TemporaryDirectory() as out:
        # No --quiet: MkDocs 1.6 then stops counting warnings, and --strict passes anything.
        command = mkdocs_command("build", "--strict", "-f", str(project / "mkdocs.yml"), "-d", out)
        return _built_pages(command, project, Path(out), "mkdocs")


def zensical_pages(project: Path) -> list[str]:
    """The same from Zensical: its templates are a port of Material's, and their inline
    scripts differ (the scope script also normalises the path and sets data-platform)."""
    with tempfile.TemporaryDirectory() as scratch:
        # Zensical has no --site-dir and keeps a .cache/ beside the config: build a copy.
        copy_of = Path(scratch) / "project"
        shutil.copytree(project, copy_of)
        return _built_pages([sys.executable, "-m", "zensical", "build", "--strict"],
                            copy_of, copy_of / "site", "zensical")


def add_policy_block(project: Path, mkdocs_built: list[str]) -> list[str]:
    """Put the workbook's Content-Security-Policy into every page, without the plugin; returns
    the builder packages it was computed with.

    The plugin hashes each page's inline scripts after rendering (csp.add_policy). A plain
    build cannot run code, so the export builds the project and writes one fixed policy
    into the theme. The inline scripts are the theme's own and differ only by the page's
    depth and by builder, so the policy allows the union of them all, from MkDocs with
    Material and, when it is installed, from Zensical: still no other inline script, from
    content or anywhere else. It sits first in <head>, where the plugin puts it.
    """
    main = project / "overrides" / "main.html"
    template = (main.read_text(encoding="utf-8") if main.is_file()
                else '{% extends "base.html" %}\n')  # a theme without overrides of its own
    if re.search(r"{%-?\s*block\s+site_meta\b", template):
        raise ExportError(f"{main.name} already overrides block site_meta, where the export "
                          "puts the workbook's policy; move that override to another block")
    pages, builders = mkdocs_built, list(_MATERIAL_PACKAGES)
    if importlib.util.find_spec("zensical") is not None:
        pages, builders = pages + zensical_pages(project), builders + ["zensical"]
    content = policy("\n".join(pages))  # one text holding every page's inline scripts
    block = ("\n{#- Added by `iopkit export`: the policy the plugin adds to each page. -#}\n"
             "{% block site_meta -%}\n"
             f'  <meta http-equiv="Content-Security-Policy" content="{content}">\n'
             "  {{ super() }}\n"
             "{%- endblock %}\n")
    main.write_text(template + block, encoding="utf-8")
    return builders


@dataclass
class Exported:
    project: Path
    pages: int  # Markdown pages in docs/, generated and hand-written
    builders: list[str]  # what the workbook's policy was computed with; [] for the guide


def write_project(root: Path, site: Site, project: Path) -> tuple[int, list[str]]:
    """One site's complete project in `project` (a new folder): its number of pages and
    the builders its policy was computed with."""
    config_file = root / site.config_file
    source = load_site_config(config_file)
    rendered, _ = render_audience(
        root, site.audience, other_site_url=(source.get("extra") or {}).get("other_site_url", ""))
    project.mkdir(parents=True)
    write_docs(project, config_file.parent / source.get("docs_dir", "docs"), rendered)
    # overrides/: iopkit's theme, with the program's own overrides written over it (the
    # order the plugin gives them at build time).
    shutil.copytree(THEME_DIR, project / "overrides", ignore=shutil.ignore_patterns("__pycache__"))
    theme = source.get("theme") or {}
    if theme.get("custom_dir"):
        shutil.copytree(config_file.parent / theme["custom_dir"], project / "overrides",
                        ignore=shutil.ignore_patterns("__pycache__"), dirs_exist_ok=True)
    (project / "mkdocs.yml").write_text(config_text(exported_config(source, rendered)),
                                        encoding="utf-8")
    built = mkdocs_pages(project)
    builders = add_policy_block(project, built) if site.audience == "client" else []
    write_requirements(project, builders or list(_MATERIAL_PACKAGES), with_policy=bool(builders))
    return sum(1 for _ in (project / "docs").rglob("*.md")), builders


def check_target(target: Path) -> None:
    if target.is_file():
        raise ExportError(f"{target} is a file; name a new or empty folder to export into")
    if target.is_dir() and any(target.iterdir()):
        raise ExportError(f"{target} is not empty; name a new or empty folder, "
                          "or remove that one first")


def export_projects(root: Path, target: Path, site_name: str | None = None) -> list[Exported]:
    """Write the project(s) into `target`, all or nothing: one site's as `target` itself,
    or every site's in a folder of its name inside `target`."""
    if site_name is not None and site_name not in SITE_NAMES:
        raise ExportError(f"unknown site '{site_name}'; use --site "
                          f"{' or --site '.join(SITE_NAMES)}, or leave it out for all")
    check_target(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    # Written beside the target and renamed at the end: a failed export leaves nothing.
    scratch = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent))
    finished = scratch / "export"
    # site -> (where it is written, where it ends up)
    if site_name is not None:
        places = {site_named(site_name): (finished, target)}
    else:
        places = {site: (finished / site.name, target / site.name) for site in SITES}
    try:
        written = [Exported(final, *write_project(root, site, where))
                   for site, (where, final) in places.items()]
        if target.is_dir():
            target.rmdir()  # empty, checked above; rename cannot replace a folder everywhere
        finished.rename(target)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return written
