"""Build or serve the sites with MkDocs, each in its own process.

Builds run at once (they are independent) into temporary folders; a site folder is
replaced only when every build succeeded, so a failed build never leaves a half-written
site. Results are returned or raised; the CLI says them.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from ..content.problems import Problem, errors_in
from ..content.validate import check_curriculum
from ..site.audience import select_audience
from ..site.client_text import client_placeholders
from ..site.registry import DRAFT_ENV, SITES, Site, site_named

_ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # fixed, so the same site always zips to the same bytes


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


@dataclass
class BuildResult:
    built: list[BuiltSite]
    seconds: float


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


def write_zip(folder: Path, target: Path) -> None:
    """Zip a built site under one top folder, byte-for-byte the same for the same site."""
    scratch = target.with_name(f".{target.name}.tmp")
    with zipfile.ZipFile(scratch, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            name = f"{folder.name}/{path.relative_to(folder).as_posix()}"
            info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, path.read_bytes())
    scratch.replace(target)


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


def build_sites(root: Path, names: list[str] | None = None) -> BuildResult:
    """Build the named sites (default: all) at once, with --strict.

    The sites in site/ are replaced only when every build succeeded: on any failure,
    BuildFailed is raised and all of site/ is as it was.
    """
    chosen = [site_named(name) for name in names] if names else list(SITES)
    # No validation up front: each build's hook validates before it writes anything, and
    # validating first cost a sixth of the time. When a build fails, validation runs then,
    # to report content errors once rather than once per site.
    (root / "site").mkdir(exist_ok=True)
    env = {**mkdocs_env(), "SOURCE_DATE_EPOCH": _source_date_epoch(root)}
    started = time.perf_counter()
    running = {}
    for site in chosen:
        scratch = Path(tempfile.mkdtemp(prefix=f".{site.name}-", dir=root / "site"))
        log = tempfile.TemporaryFile(mode="w+")
        # No --quiet: MkDocs 1.6 then stops counting warnings, and --strict passes anything.
        process = subprocess.Popen(
            mkdocs_command("build", "--strict", "-f", site.config_file, "-d",
                           str(scratch / "out")),
            cwd=root, stdout=log, stderr=subprocess.STDOUT, text=True, env=env)
        running[site.name] = (site, process, scratch, log)
    outputs = {}
    for name, (_, process, _, log) in running.items():
        status = process.wait()
        log.seek(0)
        outputs[name] = (status, log.read().strip())
        log.close()
    try:
        failed = {name: text for name, (status, text) in outputs.items() if status != 0}
        if failed:
            raise BuildFailed(_why_not_built(root), failed)
        built = []
        for name, (site, _, scratch, _) in running.items():
            _replace_folder(scratch / "out", root / site.output)
            if site.handout:
                write_zip(root / site.output, root / site.handout)
            pages = sum(1 for p in (root / site.output).rglob("*.html") if p.name != "404.html")
            notes = [line for line in outputs[name][1].splitlines()
                     if not line.startswith("INFO")]
            built.append(BuiltSite(site, pages, notes))
    finally:
        for _, _, scratch, _ in running.values():
            shutil.rmtree(scratch, ignore_errors=True)
    return BuildResult(built, time.perf_counter() - started)


def serve(root: Path, name: str, dev_addr: str) -> int:
    """Preview one site with live reload until stopped; MkDocs' exit status. A preview is
    a draft: placeholder text shows, under a banner, instead of stopping the build."""
    process = subprocess.Popen(mkdocs_command("serve", "-f", site_named(name).config_file,
                                              "--dev-addr", dev_addr), cwd=root,
                               env={**mkdocs_env(), DRAFT_ENV: "1"})
    try:
        return process.wait()
    finally:  # stopped (Ctrl-C, or SIGTERM via the CLI): the MkDocs server stops too
        if process.poll() is None:
            process.terminate()
            process.wait(timeout=30)
