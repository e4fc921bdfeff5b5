"""Benchmark: build speed, scaling, the editing loop and page weight, measured as whole
processes.

    python bench/run.py [--runs 5] [--sizes 1 5 10] [--pdf-only]     (or: make bench)

Makes synthetic curricula at 1x, 5x and 10x the shipped one (the shipped modules copied
under new ids: valid content with real text lengths) in a temporary folder, then times,
over several runs: `iopkit validate`; each site's MkDocs build alone; `iopkit build` of the
guide and the workbook (no PDFs) beside plain MkDocs + Material building the same two sites
from `iopkit export --format markdown`, both at once (the baseline, with no hooks), by turns; at 1x,
every site, and once the whole `iopkit build` with the PDFs, as `make site` runs it
(`--pdf-only` times just that). It records each run's peak memory;
the save-to-updated-page time of `iopkit serve` at 1x and 10x (median of 5 edits); and the
weight and, in Chromium on a throttled phone profile, the paint timing of a workbook
session page's first load. Writes bench/RESULTS.md and bench/results.json.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import http.server
import json
import os
import platform
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
SITE_FILES = ["mkdocs.yml", "workbook.yml", "overrides", "hooks", "curriculum", "modules", "locale"]
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1767225600"}


def make_curriculum(target: Path, copies: int) -> None:
    """The shipped project with its modules copied `copies` times under new ids."""
    target.mkdir(parents=True)
    for name in SITE_FILES:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, target / name)
    if copies > 1:  # the copies' new titles have no translation: their languages are drafts
        program = target / "curriculum/program.yml"
        program.write_text(re.sub(r"(- \{ code: \w+, name: \"[^\"]*\")( \})", r"\1, draft: true\2",
                                  program.read_text()))
    modules = sorted(p for p in (REPO / "modules").iterdir() if p.is_dir())
    ids = [re.search(r"^id: (\S+)", f.read_text(), re.M).group(1)
           for m in modules for f in m.rglob("*.yml")]
    # one pattern for every id, and every reference to one, longest first
    any_id = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, sorted(ids, key=len, reverse=True)))
                        + r")(?![\w-])")
    for n in range(2, copies + 1):
        for module in modules:
            copy = target / "modules" / f"{module.name}-{n}"
            shutil.copytree(module, copy)
            for file in copy.rglob("*.yml"):
                text = file.read_text()
                text = any_id.sub(lambda m, n=n: f"{m.group(1)}-{n}", text)
                # a focus area's name can equal a module id: it stays as it was
                text = re.sub(rf"^(focus_area: \S+)-{n}$", r"\1", text, flags=re.M)
                text = re.sub(r"^title: \"(.*)\"$", rf'title: "\1 ({n})"', text, count=1, flags=re.M)
                # Each copy's text differs from the others' (real text does): else what
                # iopkit remembers by text would find each line ready from the first copy.
                text = re.sub(r"(?<![\w-])(?:[Yy]ou|[Yy]our|[Tt]he|[Tt]o|a)(?![\w-])",
                              lambda word, n=n: f"{word.group()} ({n})", text)
                new_name = re.sub(r"^(\d\d-)(.*)\.yml$", rf"\1\2-{n}.yml", file.name)
                if file.parent.name == "worksheets":
                    new_name = f"{file.stem}-{n}.yml"
                file.unlink()
                (file.parent / new_name).write_text(text)


def timed(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> tuple[float, int]:
    """Wall seconds and peak resident memory (bytes, largest process in the tree)."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=env or ENV, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(command)}\n{process.stderr.read().decode()[-2000:]}")
    return elapsed, usage.ru_maxrss * 1024


def timed_together(commands: list[tuple[list[str], Path]]) -> tuple[float, int]:
    """Wall seconds until every command, started at once, has finished; the largest peak."""
    started = time.perf_counter()
    processes = [subprocess.Popen(command, cwd=cwd, env=ENV, stdout=subprocess.DEVNULL,
                                  stderr=subprocess.PIPE) for command, cwd in commands]
    peak = 0
    for process in processes:
        _, status, usage = os.wait4(process.pid, 0)
        if os.waitstatus_to_exitcode(status) != 0:
            raise SystemExit(f"failed: {' '.join(process.args)}\n"
                             f"{process.stderr.read().decode()[-2000:]}")
        peak = max(peak, usage.ru_maxrss * 1024)
    return time.perf_counter() - started, peak


def summary_of(times: list[float], peaks: list[int]) -> dict:
    return {"median_s": round(statistics.median(times), 3), "min_s": round(min(times), 3),
            "max_s": round(max(times), 3), "peak_rss_mb": round(max(peaks) / 2**20, 1)}


def measure(command: list[str], cwd: Path, runs: int) -> dict:
    results = [timed(command, cwd) for _ in range(runs)]
    return summary_of([t for t, _ in results], [m for _, m in results])


def measure_first_build(command: list[str], cwd: Path, runs: int, scratch: Path) -> dict:
    """`command` as a machine's first build runs it: each run with an empty per-user cache
    (compiled templates, minified scripts)."""
    results = [timed(command, cwd, {**ENV, "XDG_CACHE_HOME": str(scratch / f"empty-cache-{n}")})
               for n in range(runs)]
    return summary_of([t for t, _ in results], [m for _, m in results])


def measure_against_plain(command: list[str], cwd: Path,
                          plain: list[tuple[list[str], Path]], runs: int) -> tuple[dict, dict, float]:
    """`command` and the plain baseline (`plain`'s commands, all at once), run by turns:
    this machine's speed drifts by 15-40% over minutes, so timing one's runs in a block and
    then the other's puts the drift into their ratio. Their summaries, and the median of
    each turn's ratio (the two runs of a turn are seconds apart)."""
    ours, theirs = [], []
    for _ in range(runs):
        ours.append(timed(command, cwd))
        theirs.append(timed_together(plain))
    ratio = statistics.median(a / b for (a, _), (b, _) in zip(ours, theirs, strict=True))
    return (summary_of([t for t, _ in ours], [m for _, m in ours]),
            summary_of([t for t, _ in theirs], [m for _, m in theirs]), round(ratio, 3))


def serve_edit_seconds(project: Path, edits: int = 5) -> float:
    """Median time from saving a session file to `iopkit serve` serving the changed page."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([str(BIN / "iopkit"), "serve", "--site", "workbook",
                               "--dev-addr", f"127.0.0.1:{port}"], cwd=project, env=ENV,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    session = sorted((project / "modules/relapse-prevention").glob("02-*.yml"))[0]
    page_id = re.search(r"^id: (\S+)", session.read_text(), re.M).group(1)
    url = f"http://127.0.0.1:{port}/relapse-prevention/{page_id}.html"

    def page() -> str:
        try:
            with urllib.request.urlopen(url, timeout=30) as response:
                return response.read().decode()
        except OSError:
            return ""

    original = session.read_text()
    times = []
    try:
        deadline = time.monotonic() + 600
        while not page() and time.monotonic() < deadline:
            time.sleep(0.2)
        for n in range(edits):
            marker = f"Benchmarkword{n}"
            session.write_text(original.replace("  reading: |\n    ",
                                                f"  reading: |\n    {marker} ", 1))
            saved = time.perf_counter()
            while marker not in page():
                if time.perf_counter() - saved > 120:
                    raise SystemExit("iopkit serve never showed the edit")
                time.sleep(0.02)
            times.append(time.perf_counter() - saved)
            time.sleep(1.5)  # let the server settle before the next save
    finally:
        session.write_text(original)
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=60)
    return round(statistics.median(times), 3)


def pages_in(site: Path) -> int:
    return sum(1 for p in site.rglob("*.html") if p.name != "404.html")


def first_load_bytes(site: Path, page: Path) -> dict:
    """A page's HTML, the CSS and JS it links, the search worker and the index if it fetches them;
    `critical`: what must arrive before the text can be read (the HTML, the stylesheets and
    the scripts in <head> that are neither deferred nor async)."""
    html = page.read_text()
    head = html.split("</head>", 1)[0]
    sizes = {"html": page.stat().st_size, "css": 0, "js": 0}
    critical = page.stat().st_size
    for tag in set(re.findall(r"<(?:link|script)\b[^>]*>", html)):
        asset = re.search(r'(?:href|src)="([^"]+\.(?:css|js))"', tag)
        if not asset or (tag.startswith("<link") and "stylesheet" not in tag):
            continue
        file = (page.parent / asset.group(1)).resolve()
        if not file.is_file():
            continue
        kind = "css" if asset.group(1).endswith(".css") else "js"
        sizes[kind] += file.stat().st_size
        blocking = kind == "css" and 'media="print"' not in tag or (
            tag in head and " defer" not in tag and " async" not in tag)
        critical += file.stat().st_size if blocking else 0
    # Material starts its search worker and fetches the index on load, unless the theme's
    # search-on-demand.js holds both back until search is opened: then they are reported
    # apart (`on_search`), as what opening search costs, not what every page costs.
    search = (sum(f.stat().st_size for f in site.glob("assets/javascripts/workers/search.*.min.js"))
              + (site / "search/search_index.json").stat().st_size)
    on_demand = re.search(r'<script\b[^>]*src="[^"]*search-on-demand\.js"', html)
    sizes["search"] = 0 if on_demand else search
    sizes["total"] = sum(sizes.values())
    sizes["critical"] = critical
    sizes["on_search"] = search if on_demand else 0
    return sizes


@contextlib.contextmanager
def chromium_serving(site: Path) -> Iterator[tuple[Any, str] | None]:
    """Debian's Chromium (headless) with `site` served on 127.0.0.1: (the browser, the
    site's address ending in /); None where Playwright or Chromium is missing."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        yield None
        return
    if not Path("/usr/bin/chromium").is_file():
        yield None
        return
    handler = functools.partial(QuietHandler, directory=str(site))
    server = QuietServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=[
                "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run"])
            try:
                yield browser, f"http://127.0.0.1:{server.server_address[1]}/"
            finally:
                browser.close()
    finally:
        server.shutdown()


def paint_timing(site: Path, page: Path, runs: int) -> dict | None:
    """First and largest contentful paint of `page` in Chromium on a throttled phone
    profile (CPU 4x slower, 1.6 Mbit/s down, 150 ms round trip: Lighthouse's mobile
    settings), served on 127.0.0.1; medians of `runs` cold loads. None without Chromium."""
    fcp, lcp = [], []
    with chromium_serving(site) as chromium:
        if chromium is None:
            return None
        browser, base = chromium
        url = base + page.relative_to(site).as_posix()
        for _ in range(runs):
            context = browser.new_context(viewport={"width": 390, "height": 844})
            tab = context.new_page()
            cdp = context.new_cdp_session(tab)
            cdp.send("Network.enable")
            cdp.send("Network.emulateNetworkConditions", {
                "offline": False, "latency": 150, "downloadThroughput": 1.6e6 / 8,
                "uploadThroughput": 750e3 / 8})
            cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
            tab.goto(url, wait_until="load")
            timing = tab.evaluate("""() => new Promise(done => {
                const paint = performance.getEntriesByName("first-contentful-paint")[0];
                new PerformanceObserver(list => {
                    const entries = list.getEntries();
                    done([paint ? paint.startTime : null, entries[entries.length - 1].startTime]);
                }).observe({type: "largest-contentful-paint", buffered: true});
            })""")
            fcp.append(timing[0])
            lcp.append(timing[1])
            context.close()
    return {"fcp_ms": round(statistics.median(fcp)), "lcp_ms": round(statistics.median(lcp))}


def loaded_in_browser(site: Path, page: Path) -> dict | None:
    """What Chromium itself fetches when it opens `page` at phone size, from the browser's
    resource timing, until the network is idle: `total` (bytes of every response, the page
    included, uncompressed), `critical` (the page and what the browser marks render-
    blocking), `requests`; and `service_worker` (the bytes the workbook's service worker then
    fetches in the background to keep every page for offline use). None without Chromium."""
    with chromium_serving(site) as chromium:
        if chromium is None:
            return None
        browser, base = chromium
        url = base + page.relative_to(site).as_posix()
        # No service worker here: what it fetches after the load is counted apart.
        context = browser.new_context(viewport={"width": 390, "height": 844},
                                      service_workers="block")
        tab = context.new_page()
        tab.goto(url, wait_until="networkidle")
        entries = tab.evaluate("""() => [
            ...performance.getEntriesByType("navigation")
                .map(e => [e.name, e.decodedBodySize, "blocking"]),
            ...performance.getEntriesByType("resource")
                .map(e => [e.name, e.decodedBodySize, e.renderBlockingStatus])]""")
        context.close()
    worker = site / "sw.js"
    listed = json.loads(re.search(r"var FILES = (\[.*?\]);", worker.read_text(), re.S).group(1)) \
        if worker.is_file() else []
    return {"total": sum(size for _, size, _ in entries),
            "critical": sum(size for _, size, status in entries if status == "blocking"),
            "requests": len(entries),
            "files": sorted(name.rsplit("/", 1)[-1] for name, _, _ in entries),
            "service_worker": sum((site / name).stat().st_size for name in listed)}


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


class QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:
        pass  # the browser closes connections it no longer needs: not an error here


def bench_size(copies: int, runs: int, scratch: Path) -> dict:
    project = scratch / f"x{copies}"
    make_curriculum(project, copies)
    iopkit = [str(BIN / "iopkit")]
    mkdocs = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet"]
    export = project / "export"
    timed([*iopkit, "export", "--format", "markdown", str(export)], project)
    same_sites = ["--site", "facilitator", "--site", "workbook"]
    result = {
        "copies": copies,
        "validate": measure([*iopkit, "validate"], project, runs),
        "guide_alone": measure([*mkdocs, "-f", "mkdocs.yml", "-d", str(scratch / "g")], project, runs),
        "workbook_alone": measure([*mkdocs, "-f", "workbook.yml", "-d", str(scratch / "w")], project, runs),
        "plain_guide": measure([*mkdocs, "-f", "mkdocs.yml", "-d", str(scratch / "p")],
                               export / "facilitator", runs),
    }
    result["both_sites"], result["plain_both_sites"], paired = measure_against_plain(
        [*iopkit, "build", "--no-pdf", *same_sites], project,
        [([*mkdocs, "-d", str(scratch / f"plain-{name}")], export / name)
         for name in ("facilitator", "workbook")], runs)
    result["pages"] = {"guide": pages_in(project / "site/facilitator"),
                       "workbook": pages_in(project / "site/workbook")}
    total_pages = result["pages"]["guide"] + result["pages"]["workbook"]
    result["per_page_ms"] = round(1000 * result["both_sites"]["median_s"] / total_pages, 2)
    result["site_vs_plain_ratio"] = round(result["both_sites"]["median_s"]
                                          / result["plain_guide"]["median_s"], 3)
    result["build_vs_plain_same_sites"] = paired
    workbook = project / "site/workbook"
    session_page = next(workbook.glob("relapse-prevention/*.html"))
    result["workbook_first_load"] = first_load_bytes(workbook, session_page)
    result["workbook_first_load_in_browser"] = loaded_in_browser(workbook, session_page)
    if copies in (1, 10):
        result["serve_edit_s"] = serve_edit_seconds(project)
    if copies == 1:
        result["both_sites_empty_cache"] = measure_first_build(
            [*iopkit, "build", "--no-pdf", *same_sites], project, runs, scratch)
        result["paint"] = paint_timing(workbook, session_page, runs)
        result["all_sites"] = measure([*iopkit, "build", "--no-pdf"], project, runs)
        result["pdf"] = bench_pdf(project)  # once: printing takes a minute or more
        result["pdf_s"] = round(result["pdf"]["build_with_pdf_s"] - result["all_sites"]["median_s"], 3)
        result["sites"] = sorted(str(p.relative_to(project / "site")) for p in
                                 (project / "site").rglob("sitemap.xml"))
    return result


def bench_pdf(project: Path) -> dict:
    """`iopkit build` with the printed documents, once: its time, and site/pdf/'s size."""
    elapsed, peak = timed([str(BIN / "iopkit"), "build"], project)
    pdfs = sorted((project / "site/pdf").glob("*.pdf"))
    return {"build_with_pdf_s": round(elapsed, 3), "peak_rss_mb": round(peak / 2**20, 1),
            "files": len(pdfs), "total_bytes": sum(p.stat().st_size for p in pdfs),
            "largest_bytes": max((p.stat().st_size for p in pdfs), default=0)}


def machine() -> str:
    cpu = "unknown CPU"
    if Path("/proc/cpuinfo").is_file():
        found = re.search(r"model name\s*:\s*(.+)", Path("/proc/cpuinfo").read_text())
        cpu = found.group(1) if found else cpu
    memory = ""
    if Path("/proc/meminfo").is_file():
        kb = int(re.search(r"MemTotal:\s*(\d+)", Path("/proc/meminfo").read_text()).group(1))
        memory = f", {kb / 2**20:.0f} GiB RAM"
    return (f"{os.cpu_count()} cores ({cpu}){memory}, {platform.system()} {platform.release()}, "
            f"Python {platform.python_version()}")


def write_results(results: list[dict], runs: int) -> None:
    by_size = {r["copies"]: r for r in results}
    one, ten = by_size.get(1), by_size.get(max(by_size))
    # The targets are judged by what Chromium fetches and marks render-blocking; the file
    # sizes (first_load_bytes) say what the bytes are.
    weight = one["workbook_first_load"] if one else {}
    loaded = (one.get("workbook_first_load_in_browser") if one else None) or weight
    summary = {
        "machine": machine(),
        "runs": runs,
        "site_vs_plain_ratio": one["site_vs_plain_ratio"] if one else None,
        "per_page_growth_10x": round(ten["per_page_ms"] / one["per_page_ms"], 3) if one and ten else None,
        "validate_10x_s": ten["validate"]["median_s"] if ten else None,
        "workbook_first_load_bytes": loaded.get("total"),
        "build_vs_plain_same_sites": {f"{r['copies']}x": r["build_vs_plain_same_sites"] for r in results},
        "serve_edit_s_1x": by_size[1].get("serve_edit_s") if 1 in by_size else None,
        "serve_edit_s_10x": by_size[10].get("serve_edit_s") if 10 in by_size else None,
        "workbook_critical_bytes": loaded.get("critical"),
        "workbook_paint": one.get("paint") if one else None,
        "pdf_build_s": one.get("pdf_s") if one else None,
        "pdf_total_bytes": one["pdf"]["total_bytes"] if one else None,
        "sizes": results,
    }
    (REPO / "bench/results.json").write_text(json.dumps(summary, indent=2) + "\n")
    rows = []
    names = ("validate", "guide_alone", "workbook_alone", "both_sites", "both_sites_empty_cache",
             "plain_both_sites",
             "plain_guide", "all_sites")
    for r in results:
        for name in (n for n in names if n in r):
            m = r[name]
            rows.append(f"| {r['copies']}x | {r['pages']['guide']} + {r['pages']['workbook']} | "
                        f"{name.replace('_', ' ')} | {m['median_s']:.2f} | {m['min_s']:.2f}–"
                        f"{m['max_s']:.2f} | {m['peak_rss_mb']:.0f} |")
    per_page = "\n".join(f"| {r['copies']}x | {r['per_page_ms']:.1f} | {r['site_vs_plain_ratio']:.2f} | "
                         f"{r['build_vs_plain_same_sites']:.2f} |" for r in results)
    same = summary["build_vs_plain_same_sites"]
    paint = summary["workbook_paint"] or {}
    pdf = one["pdf"] if one else {}
    text = f"""# Benchmark results

Machine: {summary['machine']}. Each figure is the median of {runs} runs of a whole process
(min–max beside it); memory is the peak resident size of the largest process in the tree.
Made by `python bench/run.py`; the numbers below are from its last run.

| size | pages (guide + workbook) | what | median s | spread s | peak MB |
|---|---|---|---:|---:|---:|
{chr(10).join(rows)}

"both sites" is `iopkit build --no-pdf --site facilitator --site workbook`. "plain both sites"
is plain MkDocs + Material building the same two sites from `iopkit export --format markdown`,
both at once, with no hooks: the baseline. The two are run by turns, and "both sites / plain
both sites" is the median of each turn's ratio, so that the machine's drift in speed over
minutes does not land on the ratio. "plain guide" is the guide alone that way. At 1x,
"all sites" is `iopkit build --no-pdf` (the Spanish workbook too); `iopkit build` as `make
site` runs it, every site and the PDFs, is timed once (below). iopkit keeps compiled
templates (Material's, its theme's and its page templates) and minified scripts in a
per-user cache (~/.cache/iopkit): the timed builds find them there, as every build on a
machine after its first does. "both sites empty cache" is the same build as a machine's
first: each run with an empty cache.

| size | build cost per page (ms, both sites) | both sites / plain guide | both sites / plain both sites |
|---|---:|---:|---:|
{per_page}

## Targets

| target | measured |
|---|---|
| `iopkit build` at most the time of plain MkDocs building the same sites (1x) | {same.get('1x')}x |
| the same at 10x | {same.get('10x')}x |
| save-to-updated-page in `iopkit serve`, 1x, at most 0.8 s | {summary['serve_edit_s_1x']} s |
| the same at 10x, at most 2 s | {summary['serve_edit_s_10x']} s |
| workbook bytes before reading (what Chromium marks render-blocking), at most 120 KB | \
{loaded.get('critical', 0):,} |
| workbook first load in all (bytes), at most 250 KB | {loaded.get('total', 0):,} |
| per-page cost at 10x within 1.3x of 1x | {summary['per_page_growth_10x']}x |
| `iopkit validate` on the 10x curriculum under 2 s | {summary['validate_10x_s']} s |

Workbook session page first load at 1x, as Chromium loads it at phone size until the network
is idle (resource timing, uncompressed bytes): {loaded.get('total', 0):,} in
{loaded.get('requests')} requests, {loaded.get('critical', 0):,} of them render-blocking. After
that first visit, the workbook's service worker fetches its {loaded.get('service_worker', 0):,} bytes in
the background, to keep every page for offline use. By file (bytes, uncompressed):
HTML {weight.get('html', 0):,},
CSS {weight.get('css', 0):,}, JS {weight.get('js', 0):,} (the page's scripts), search (Material's worker
and the index, when a page loads them) {weight.get('search', 0):,}; opening search loads
{weight.get('on_search', 0):,} more. In Chromium on a throttled phone profile
(4x CPU slowdown, 1.6 Mbit/s, 150 ms round trip; median of {runs} cold loads): first contentful
paint {paint.get('fcp_ms')} ms, largest contentful paint {paint.get('lcp_ms')} ms.

PDFs at 1x: {pdf.get('files', 0)} files, {pdf.get('total_bytes', 0):,} bytes in all (largest
{pdf.get('largest_bytes', 0):,}); `iopkit build` with them took {pdf.get('build_with_pdf_s')} s
(peak {pdf.get('peak_rss_mb')} MB), {summary['pdf_build_s']} s more than without.
"""
    (REPO / "bench/RESULTS.md").write_text(text)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1, 5, 10])
    parser.add_argument("--pdf-only", action="store_true",
                        help="only time `iopkit build` with the PDFs, on the 1x curriculum")
    args = parser.parse_args()
    if args.pdf_only:
        with tempfile.TemporaryDirectory(prefix="iopkit-bench-") as scratch:
            project = Path(scratch) / "x1"
            make_curriculum(project, 1)
            print(json.dumps(bench_pdf(project)))
        return 0
    results = []
    with tempfile.TemporaryDirectory(prefix="iopkit-bench-") as scratch:
        for copies in args.sizes:
            print(f"benchmarking {copies}x ...", flush=True)
            results.append(bench_size(copies, args.runs, Path(scratch)))
            print(json.dumps({k: v for k, v in results[-1].items() if k != "workbook_first_load"}),
                  flush=True)
    write_results(results, args.runs)
    print((REPO / "bench/RESULTS.md").read_text())
    return 0


if __name__ == "__main__":
    sys.exit(main())
