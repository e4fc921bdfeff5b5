"""Build or serve the sites with MkDocs, each in its own process.

Builds run at once (they are independent) into temporary folders; a site folder is
replaced only when every build succeeded, so a failed build never leaves a half-written
site. Results are returned or raised; the CLI says them.

The sites are published side by side, as site/ holds them: the guide at <root>/facilitator/,
the workbook at <root>/workbook/; built for publishing, with a landing page and a 404 page
at <root> itself.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import html
import os
import posixpath
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any
from urllib.parse import urlsplit

import yaml

from ..content.load import PROGRAM_FILE, read_curriculum_ahead
from ..content.problems import Problem, errors_in
from ..content.validate import check_curriculum
from ..content.yaml_source import read_plain_yaml, stop_reading_ahead
from ..site.audience import select_audience
from ..site.client_text import client_placeholders
from ..site.paths import PDF_FOLDER
from ..site.registry import DRAFT_ENV, SITES, Site, language_site, site_named

HANDOUT = "handout.zip"  # a site's zip, in its scratch folder until every build succeeded
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # fixed, so the same site always zips to the same bytes
SITES_FOLDER = "site"  # holds every site's output folder; published as the sites' root
ROOT_PAGES = ("index.html", "404.html")  # beside the sites when built for publishing


def mkdocs_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "mkdocs", *args]


def mkdocs_env() -> dict[str, str]:
    # Material prints an end-of-life banner on every build; the note is in our docs instead.
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


@dataclass
class BuiltSite:
    site: Site
    pages: int  # HTML pages, the 404 page not counted
    notes: list[str] = field(default_factory=list)  # what MkDocs said beyond INFO lines
    address: str | None = None  # its site_url, when built for a published root


# Prints documents from the built sites: (each site's built folder by site name, the folder
# to write into, SOURCE_DATE_EPOCH) -> what it printed. Raises PrintFailed to stop the build.
Printer = Callable[[dict[str, Path], Path, int], Any]


class PrintFailed(Exception):
    """The printed documents could not be made; the message says why and what to do."""


@dataclass
class BuildResult:
    built: list[BuiltSite]
    seconds: float
    root_pages: list[Path] = field(default_factory=list)  # written when built for publishing
    printed: Any = None  # what the printer returned, when documents were printed


class BuildFailed(Exception):
    """Nothing in site/ was changed. Either the curriculum has errors (`problems`), or a
    build failed for another reason (`logs`: each failed site's MkDocs output)."""

    def __init__(self, problems: list[Problem], logs: dict[str, str]):
        super().__init__("the build failed")
        self.problems, self.logs = problems, logs


def _replace_folder(new: Path, target: Path) -> None:
    old = target.with_name(target.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    new.rename(target)
    shutil.rmtree(old, ignore_errors=True)


def write_zip(folder: Path, target: Path, top: str) -> None:
    """Zip a built site under one top folder, byte-for-byte the same for the same site."""
    scratch = target.with_name(f".{target.name}.tmp")
    with zipfile.ZipFile(scratch, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            name = f"{top}/{path.relative_to(folder).as_posix()}"
            info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, path.read_bytes())
    scratch.replace(target)


def site_address(site_url: str, site: Site) -> str:
    """Where a site lives under the published root of all sites: its folder in site/."""
    return f"{site_url.rstrip('/')}/{posixpath.relpath(site.output, SITES_FOLDER)}/"


def pdf_folder_from(site: Site) -> str:
    """site/pdf/ relative to a site's root: ../pdf/ for site/workbook/."""
    return posixpath.relpath(f"{SITES_FOLDER}/{PDF_FOLDER}", site.output) + "/"


def site_config(root: Path, site: Site, address: str | None, pdf_url: str | None = None) -> Path:
    """A throwaway config that INHERITs the site's own and sets its site_url and, for the
    workbook in another language, that language (theme: Material's own words and search;
    extra: the plugin's); with `pdf_url`, the folder of the printed documents its pages
    link to.

    MkDocs has no --site-url option, and the real configs stay free of it (and of !ENV,
    which the export cannot read), so `mkdocs build -f mkdocs.yml` builds as before. The
    file sits beside the real config: docs_dir, hooks and custom_dir, and the hook's project
    root, are all worked out from the config's folder.
    """
    settings: dict[str, object] = {"INHERIT": site.config_file}
    if address:
        settings["site_url"] = address
    extra: dict[str, str] = {}
    if site.language:
        settings["theme"] = {"language": site.language}
        extra["language"] = site.language
    if pdf_url:
        extra["pdf_url"] = pdf_url
    if extra:
        settings["extra"] = extra
    handle, name = tempfile.mkstemp(prefix=f".{site.name}-config-", suffix=".yml", dir=root)
    with os.fdopen(handle, "w", encoding="utf-8") as file:
        yaml.safe_dump(settings, file)
    return Path(name)


def published_languages(root: Path, drafts: bool = False) -> list[str]:
    """The codes of program.yml's languages the workbook is built in (drafts only when
    asked: a draft is previewed, never published). Read lightly: building validates."""
    try:
        program = read_plain_yaml(root / PROGRAM_FILE) or {}
    except (OSError, yaml.YAMLError):
        return []  # the build's own validation says what is wrong
    languages = program.get("languages") if isinstance(program, dict) else None
    return [lang["code"] for lang in languages or []
            if isinstance(lang, dict) and isinstance(lang.get("code"), str)
            and (drafts or not lang.get("draft"))]


def all_sites(root: Path, drafts: bool = False) -> list[Site]:
    """The guide, the workbook, and the workbook in each published language."""
    return list(SITES) + [language_site(code) for code in published_languages(root, drafts)]


def site_called(root: Path, name: str) -> Site:
    for site in SITES:  # without reading program.yml for its languages
        if site.name == name:
            return site
    for site in all_sites(root, drafts=True):
        if site.name == name:
            return site
    return site_named(name)  # raises KeyError naming the sites


def inherited_setting(root: Path, config_file: str, key: str) -> Any:
    """A site config's `key`, or that of the config it INHERITs; None if neither has it or
    a config cannot be read here (e.g. a YAML tag only MkDocs reads: the build says why)."""
    try:
        config = read_plain_yaml(root / config_file) or {}
    except (OSError, yaml.YAMLError):
        return None
    if key in config or "INHERIT" not in config:
        return config.get(key)
    return inherited_setting(root, posixpath.join(posixpath.dirname(config_file),
                                                  config["INHERIT"]), key)


_ROOT_PAGE = """<!doctype html>
<html lang="en">
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'">
<title>{title}</title>
<h1>{title}</h1>
{intro}<ul>
{items}
</ul>
</html>
"""


def _root_page(title: str, intro: str, links: list[tuple[str, str]]) -> str:
    items = "\n".join(f'<li><a href="{html.escape(href)}">{html.escape(text)}</a></li>'
                      for href, text in links)
    return _ROOT_PAGE.format(title=html.escape(title), intro=intro, items=items)


def write_root_pages(root: Path, site_url: str) -> list[Path]:
    """site/index.html, linking to each built site (and its zip), and site/404.html, for
    site/ published at `site_url`.

    The landing page links relatively, so it works at any address. The 404 page is served
    in place of any missing page at any depth (GitHub Pages serves the root's 404.html for
    a whole project site), where relative links would break: it links by the published
    root's path, as MkDocs' 404 page of each site does.
    """
    folder = root / SITES_FOLDER
    base = urlsplit(site_url.rstrip("/") + "/").path
    to_sites: list[tuple[str, str]] = []  # (path from the root of all sites, link text)
    for site in all_sites(root):
        if not (root / site.output).is_dir():  # never built here: no dead link
            continue
        title = inherited_setting(root, site.config_file, "site_name") or site.name.capitalize()
        to_sites.append((f"{posixpath.relpath(site.output, SITES_FOLDER)}/index.html", title))
        if site.handout and (root / site.handout).is_file():
            to_sites.append((posixpath.relpath(site.handout, SITES_FOLDER),
                             f"{title} for offline use (zip)"))
    landing, not_found = ROOT_PAGES
    pages = {
        landing: _root_page("Curriculum", "", to_sites),
        not_found: _root_page("Page not found", "<p>There is no page at this address. "
                               "Go to one of these:</p>\n",
                               [(base + path, text) for path, text in to_sites]),
    }
    written = []
    for name, text in pages.items():
        scratch = folder / f".{name}.tmp"
        scratch.write_text(text, encoding="utf-8")
        scratch.replace(folder / name)
        written.append(folder / name)
    return written


class _Forked:
    """A build in a forked child, polled as a subprocess is."""

    def __init__(self, pid: int):
        self.pid = pid
        self.returncode: int | None = None

    def poll(self) -> int | None:
        if self.returncode is None:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.returncode = os.waitstatus_to_exitcode(status)
        return self.returncode


def _start_build(root: Path, config: Path, site_dir: Path, env: dict[str, str],
                 log: IO[str]) -> _Forked | subprocess.Popen[str]:
    """One site's `mkdocs build --strict`: forked from this process, which has imported
    MkDocs and read the curriculum once for all sites, or where that cannot be, run anew."""
    from . import mkdocs_worker
    if mkdocs_worker.can_fork():
        return _Forked(mkdocs_worker.start_build(root, config, site_dir, env, log))
    # No --quiet: MkDocs 1.6 then stops counting warnings, and --strict passes anything.
    return subprocess.Popen(mkdocs_command("build", "--strict", "-f", str(config), "-d", str(site_dir)),
                            cwd=root, stdout=log, stderr=subprocess.STDOUT, text=True, env=env)


def _source_date_epoch(root: Path) -> str:
    """SOURCE_DATE_EPOCH for the build: as set, else the last commit's time, else 0.

    MkDocs dates the sitemap with it, so two builds of one commit give identical sites.
    """
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return os.environ["SOURCE_DATE_EPOCH"]
    try:
        result = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=root,
                                capture_output=True, text=True, timeout=30)
        return result.stdout.strip() or "0"
    except (OSError, subprocess.SubprocessError):
        return "0"


def _why_not_built(root: Path) -> list[Problem]:
    """The content's own reasons a build failed, at path:line: errors, or else placeholder
    text clients would read. Empty when the reason lies elsewhere (MkDocs says it)."""
    curriculum, problems = check_curriculum(root)
    if curriculum is None:
        return errors_in(problems)
    return client_placeholders(root, select_audience(curriculum, "client"))


def build_sites(root: Path, names: list[str] | None = None,
                site_url: str | None = None, printer: Printer | None = None) -> BuildResult:
    """Build the named sites (default: all) at once, with --strict.

    `site_url` is the published root of all sites (https://example.org/clinic/); each site
    is then built with its own address under it (site_address), so its 404 page links
    work there, and site/ gets its landing and 404 pages. Without it, each site's 404 page
    works only at the root of a server, and site/ holds the sites alone: root pages left
    by a build for publishing are removed, as they would name an address the sites no
    longer know.

    With a `printer` (and every site built: the documents draw on all of them), the
    sites' pages link to the printed documents, and the printer makes them from the built
    sites into site/pdf/; without it, no page links to them and site/pdf/ is left alone.

    The sites in site/ (and site/pdf/) are replaced only when every build succeeded, the
    printing too: on any failure, BuildFailed is raised and all of site/ is as it was.
    """
    chosen = [site_called(root, name) for name in names] if names else all_sites(root)
    printing = printer is not None and not names
    if chosen:  # on another core, while MkDocs and its plugins load here
        read_curriculum_ahead(root)
    try:
        from . import mkdocs_worker  # here, not above: commands that build nothing skip MkDocs
        if chosen and mkdocs_worker.can_fork():
            mkdocs_worker.warm_up(root, Path(chosen[0].config_file))
    finally:
        stop_reading_ahead()  # taken by warm_up's reading, unless it failed first
    # No validation up front: each build's hook validates before it writes anything, and
    # validating first cost a sixth of the time. When a build fails, validation runs then,
    # to report content errors once rather than once per site.
    (root / SITES_FOLDER).mkdir(exist_ok=True)
    epoch = _source_date_epoch(root)
    env = {**mkdocs_env(), "SOURCE_DATE_EPOCH": epoch}
    started = time.perf_counter()
    running = {}
    scratches: list[Path] = []  # the printed documents' scratch folder, when printing
    addresses = {site.name: site_address(site_url, site) for site in chosen} if site_url else {}
    configs_with_address = []
    for site in chosen:
        scratch = Path(tempfile.mkdtemp(prefix=f".{site.name}-", dir=root / SITES_FOLDER))
        config = Path(site.config_file)
        if site.name in addresses or site.language or printing:
            config = site_config(root, site, addresses.get(site.name),
                                 pdf_folder_from(site) if printing else None)
            configs_with_address.append(config)
        log = tempfile.TemporaryFile(mode="w+")
        process = _start_build(root, config, scratch / "out", env, log)
        running[site.name] = (site, process, scratch, log)
    outputs: dict[str, tuple[int, str]] = {}
    try:
        while len(outputs) < len(running):
            finished = [(name, status) for name, (_, process, _, _) in running.items()
                        if name not in outputs and (status := process.poll()) is not None]
            for name, status in finished:
                site, _, scratch, log = running[name]
                log.seek(0)
                outputs[name] = (status, log.read().strip())
                log.close()
                if status == 0 and site.handout:  # zipped while the other sites still build
                    write_zip(scratch / "out", scratch / HANDOUT, Path(site.output).name)
            if not finished:
                time.sleep(0.02)
        failed = {name: text for name, (status, text) in outputs.items() if status != 0}
        if failed:
            raise BuildFailed(_why_not_built(root), failed)
        printed = None
        if printing:
            assert printer is not None
            pdfs = Path(tempfile.mkdtemp(prefix=".pdf-", dir=root / SITES_FOLDER))
            scratches.append(pdfs)
            folders = {name: scratch / "out" for name, (_, _, scratch, _) in running.items()}
            try:
                printed = printer(folders, pdfs / "out", int(epoch))
            except PrintFailed as err:
                raise BuildFailed([], {"print": str(err)}) from None
        built = []
        for name, (site, _, scratch, _) in running.items():
            _replace_folder(scratch / "out", root / site.output)
            if site.handout:
                (scratch / HANDOUT).replace(root / site.handout)
            pages = sum(1 for p in (root / site.output).rglob("*.html") if p.name != "404.html")
            notes = [line for line in outputs[name][1].splitlines()
                     if not line.startswith("INFO")]
            built.append(BuiltSite(site, pages, notes, addresses.get(name)))
        if printing:
            _replace_folder(scratches[0] / "out", root / SITES_FOLDER / PDF_FOLDER)
        if site_url:
            root_pages = write_root_pages(root, site_url)
        else:
            root_pages = []
            for page in ROOT_PAGES:
                (root / SITES_FOLDER / page).unlink(missing_ok=True)
    finally:
        for _, _, scratch, _ in running.values():
            shutil.rmtree(scratch, ignore_errors=True)
        for scratch in scratches:
            shutil.rmtree(scratch, ignore_errors=True)
        for config in configs_with_address:
            config.unlink(missing_ok=True)
    return BuildResult(built, time.perf_counter() - started, root_pages, printed)


def _end_with_parent() -> None:
    """Run in the MkDocs server's process as it starts (Linux): it gets SIGTERM when
    `iopkit serve` ends, however that ends. Ctrl-C and SIGTERM stop it in `serve` below,
    but a killed or crashed `iopkit serve` would leave the server running, holding its
    port."""
    libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
    libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def serve(root: Path, name: str, dev_addr: str) -> int:
    """Preview one site with live reload until stopped; MkDocs' exit status. A preview is
    a draft: placeholder text shows, under a banner, instead of stopping the build."""
    site = site_called(root, name)
    config = site_config(root, site, None) if site.language else Path(site.config_file)
    # --dirty: after a save, only pages whose text changed are rebuilt; the plugin rebuilds
    # them all when the nav, a config or the theme changed (mkdocs_plugin._mark_unchanged).
    # --no-strict: a preview reports what is wrong and keeps serving the last good version.
    process = subprocess.Popen(mkdocs_command("serve", "--dirty", "--no-strict", "-f", str(config),
                                              "--dev-addr", dev_addr),
                               cwd=root, env={**mkdocs_env(), DRAFT_ENV: "1"},
                               preexec_fn=_end_with_parent if sys.platform == "linux" else None)
    try:
        return process.wait()
    finally:  # stopped (Ctrl-C, or SIGTERM via the CLI): the MkDocs server stops too
        if process.poll() is None:
            process.terminate()
            process.wait(timeout=30)
        if site.language:
            config.unlink(missing_ok=True)
