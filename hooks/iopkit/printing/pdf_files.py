"""Write the printed documents as PDF files, from the built sites.

`iopkit build` calls `print_documents` once every site is built, before anything in site/
is replaced: it writes into a folder of its own, which becomes site/pdf/ only when every
document was written. WeasyPrint takes most of the time, so the documents are written by
a pool of processes, the largest first.

Nothing is fetched from the network: only files of the built sites and data: URIs are read.
The same sites and SOURCE_DATE_EPOCH give byte-identical PDFs.
"""

from __future__ import annotations

import functools
import gettext
import os
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..build.run_mkdocs import PrintFailed, site_address
from ..content.model import Curriculum
from ..content.validate import load_curriculum
from ..site.audience import select_audience
from ..site.paths import HOME
from ..site.registry import language_site, site_for
from ..site.translations import interface_translations
from .built_pages import PageMissing, read_page
from .documents import PrintJob, handouts_job, manual_job, week_job

STYLESHEET = Path(__file__).parent / "print.css"
PAPER = {"letter": "letter", "a4": "A4"}
NO_QR_NOTE = ("printed handouts have no QR codes: build with --site-url (where site/ is "
              "published) to add them")


@dataclass
class PrintedFile:
    name: str
    pages: int
    size: int  # bytes


@dataclass
class PrintedDocuments:
    files: list[PrintedFile]
    seconds: float
    notes: list[str] = field(default_factory=list)  # e.g. why the QR codes are missing

    @property
    def total_size(self) -> int:
        return sum(file.size for file in self.files)


def _local_only(url: str, *args: Any, **kwargs: Any) -> Any:
    """WeasyPrint's fetcher for files and data: URIs; anything else is refused."""
    from weasyprint import default_url_fetcher
    if not url.startswith(("file:", "data:")):
        raise ValueError(f"printed documents fetch nothing from the network ({url})")
    return default_url_fetcher(url, *args, **kwargs)


def _paper_css(paper: str) -> str:
    size = PAPER[paper]
    return f"@page {{ size: {size}; }} @page week {{ size: {size} landscape; }}"


def write_pdf(job: PrintJob, target: Path) -> PrintedFile:
    """One document, laid out by WeasyPrint."""
    from weasyprint import CSS, HTML
    stylesheets = [CSS(string=_paper_css(job.paper)), CSS(filename=str(STYLESHEET))]
    document = HTML(string=job.html, base_url=str(target),
                    url_fetcher=_local_only).render(stylesheets=stylesheets)
    if job.pages_wanted and len(document.pages) > job.pages_wanted:
        raise PrintFailed(f"{job.name} takes {len(document.pages)} pages, not "
                          f"{job.pages_wanted}: shorten what it shows")
    path = target / job.name
    # A fixed identifier: the file's /ID would otherwise differ on every build.
    document.write_pdf(path, pdf_identifier=job.name.encode())
    return PrintedFile(job.name, len(document.pages), path.stat().st_size)


@dataclass(frozen=True)
class Sources:
    """What every document is made from; sent to each worker process."""

    root: Path
    folders: dict[str, Path]  # site name -> its built folder
    site_url: str | None
    epoch: int


@dataclass(frozen=True)
class Wanted:
    """One document to print: the manual, a module's handouts in a language, a week."""

    kind: str  # manual | handouts | week
    key: str = ""  # the module or track id
    language: str | None = None


@functools.cache
def _curricula(root: Path) -> tuple[Curriculum, Curriculum]:
    """The whole curriculum and the client's, read once per process (valid: it built)."""
    curriculum, _ = load_curriculum(root)
    return curriculum, select_audience(curriculum, "client")


def _compose(sources: Sources, wanted: Wanted) -> PrintJob:
    """A document's HTML. The client's documents read only the client's curriculum and
    workbook."""
    curriculum, client = _curricula(sources.root)
    workbook = site_for("client")
    if wanted.kind == "manual":
        return manual_job(curriculum, sources.folders[site_for("facilitator").name],
                          sources.epoch)
    if wanted.kind == "week":
        crisis = read_page(sources.folders[workbook.name], HOME).crisis_lines
        track = next(t for t in client.tracks if t.id == wanted.key)
        return week_job(client, track, crisis)
    site = language_site(wanted.language) if wanted.language else workbook
    words = (interface_translations(sources.root, wanted.language) if wanted.language
             else gettext.NullTranslations())
    address = site_address(sources.site_url, site) if sources.site_url else None
    module = next(m for m in client.modules if m.module.id == wanted.key)
    return handouts_job(client, module, sources.folders[site.name], words, wanted.language,
                        address)


def _print_one(sources: Sources, wanted: Wanted, target: Path) -> PrintedFile:
    """Compose and write one document. Runs in a worker process."""
    try:
        return write_pdf(_compose(sources, wanted), target)
    except PageMissing as err:
        raise PrintFailed(f"a printed document needs a page the sites lack: {err}") from None


def _all_wanted(sources: Sources) -> list[Wanted]:
    """Every document, the longest to make first (the manual takes as long as the rest)."""
    _, client = _curricula(sources.root)
    languages = [None] + [language.code for language in client.program.languages
                          if language_site(language.code).name in sources.folders]
    return ([Wanted("manual")]
            + [Wanted("handouts", m.module.id, code) for m in client.modules for code in languages]
            + [Wanted("week", track.id) for track in client.tracks])


def print_documents(root: Path, site_url: str | None, folders: dict[str, Path], target: Path,
                    epoch: int, workers: int | None = None) -> PrintedDocuments:
    """Every printed document into `target` (made here), from the sites built in
    `folders` (site name -> built folder). Raises PrintFailed, naming what failed."""
    started = time.perf_counter()
    target.mkdir(parents=True)
    sources = Sources(root, folders, site_url, epoch)
    wanted = _all_wanted(sources)
    workers = workers or min(len(wanted), os.cpu_count() or 1)
    try:
        if workers <= 1:
            files = [_print_one(sources, one, target) for one in wanted]
        else:
            with ProcessPoolExecutor(workers) as pool:
                files = list(pool.map(_print_one, [sources] * len(wanted), wanted,
                                      [target] * len(wanted)))
    except PrintFailed:
        raise
    except Exception as err:  # WeasyPrint's own failure: say so in a line, not a traceback
        raise PrintFailed(f"writing the printed documents failed: {type(err).__name__}: "
                          f"{err}") from None
    files.sort(key=lambda file: file.name)
    notes = [] if site_url else [NO_QR_NOTE]
    return PrintedDocuments(files, time.perf_counter() - started, notes)
