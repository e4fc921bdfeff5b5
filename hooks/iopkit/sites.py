"""Build or serve the two sites with MkDocs.

Both builds run at once (they are independent) into temporary folders; a site folder is
replaced only when its build succeeded, so a failed build never leaves a half-written site.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from .problems import format_problems

SITES = {"facilitator": "mkdocs.yml", "workbook": "workbook.yml"}
OUTPUT = {"facilitator": "site/facilitator", "workbook": "site/workbook"}
# A program can hand this out: unzip anywhere, open index.html, no internet needed.
HANDOUT = {"workbook": "site/workbook.zip"}
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # fixed, so the same site always zips to the same bytes


def mkdocs_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "mkdocs", *args]


def template_cache_dir() -> Path | None:
    """Where compiled Jinja templates are kept between builds (per user, outside site/);
    None where no such folder can be made, and builds simply compile as before."""
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    folder = base / "iopkit" / "jinja"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return folder


def mkdocs_env() -> dict[str, str]:
    # Material prints an end-of-life banner on every build; the note is in our docs instead.
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


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


def build_sites(root: Path, audiences: list[str] | None = None) -> int:
    """Build the named sites (default: both) at once, with --strict; 0 when all succeeded.

    The sites in site/ are replaced only when every build succeeded: a failure anywhere
    leaves all of site/ as it was.
    """
    names = audiences or list(SITES)
    # No validation up front: each build's hook validates before it writes anything, and
    # validating first cost a sixth of the time. When a build fails, validation runs then,
    # to print content errors once rather than once per site.
    (root / "site").mkdir(exist_ok=True)
    env = {**mkdocs_env(), "SOURCE_DATE_EPOCH": _source_date_epoch(root)}
    started = time.perf_counter()
    running = {}
    for name in names:
        scratch = Path(tempfile.mkdtemp(prefix=f".{name}-", dir=root / "site"))
        log = tempfile.TemporaryFile(mode="w+")
        # No --quiet: MkDocs 1.6 then stops counting warnings, and --strict passes anything.
        process = subprocess.Popen(
            mkdocs_command("build", "--strict", "-f", SITES[name], "-d", str(scratch / "out")),
            cwd=root, stdout=log, stderr=subprocess.STDOUT, text=True, env=env)
        running[name] = (process, scratch, log)
    outputs = {}
    for name, (process, scratch, log) in running.items():
        status = process.wait()
        log.seek(0)
        outputs[name] = (status, log.read().strip())
    try:
        failed = [name for name, (status, _) in outputs.items() if status != 0]
        if failed:
            from .validate import check_curriculum  # only now: it imports the whole model
            _, problems = check_curriculum(root)
            if any(p.severity == "error" for p in problems):
                print(format_problems(problems), file=sys.stderr)
                print("Nothing was built: fix the errors above, then build again.",
                      file=sys.stderr)
                return 1
            for name in failed:
                print(f"{name} build failed:\n{outputs[name][1]}", file=sys.stderr)
            print("Nothing in site/ was changed.", file=sys.stderr)
            return 1
        for name in names:
            _replace_folder(running[name][1] / "out", root / OUTPUT[name])
            if name in HANDOUT:
                write_zip(root / OUTPUT[name], root / HANDOUT[name])
            pages = sum(1 for p in (root / OUTPUT[name]).rglob("*.html") if p.name != "404.html")
            print(f"built {name}: {pages} pages in {OUTPUT[name]}/", flush=True)
            noteworthy = [line for line in outputs[name][1].splitlines()
                          if not line.startswith("INFO")]
            if noteworthy:
                print("\n".join(noteworthy))
    finally:
        for _, scratch, _ in running.values():
            shutil.rmtree(scratch, ignore_errors=True)
    print(f"took {time.perf_counter() - started:.1f} s", flush=True)
    return 0


def serve(root: Path, name: str, dev_addr: str) -> int:
    return subprocess.call(mkdocs_command("serve", "-f", SITES[name], "--dev-addr", dev_addr), cwd=root,
                           env=mkdocs_env())
