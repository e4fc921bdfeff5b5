"""Benchmark: build speed, scaling and page weight, measured as whole processes.

    python bench/run.py [--runs 3] [--sizes 1 5 10]      (or: make bench)

Makes synthetic curricula at 1x, 5x and 10x the shipped one (the shipped modules copied
under new ids: valid content with real text lengths) in a temporary folder, then times,
over several runs: `iopkit validate`; each site's MkDocs build alone; `iopkit build --no-pdf`
(both sites at once); `iopkit build` with the printed PDFs, what `make site` runs (once, at
1x; `--pdf-only` runs just that); and the baseline, a plain Material
build of the guide's pages exported as Markdown (no hooks). It records each process's
peak memory, and the weight of a workbook session page's first load. Writes
bench/RESULTS.md and bench/results.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

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
                new_name = re.sub(r"^(\d\d-)(.*)\.yml$", rf"\1\2-{n}.yml", file.name)
                if file.parent.name == "worksheets":
                    new_name = f"{file.stem}-{n}.yml"
                file.unlink()
                (file.parent / new_name).write_text(text)


def timed(command: list[str], cwd: Path) -> tuple[float, int]:
    """Wall seconds and peak resident memory (bytes, largest process in the tree)."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=ENV, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(command)}\n{process.stderr.read().decode()[-2000:]}")
    return elapsed, usage.ru_maxrss * 1024


def measure(command: list[str], cwd: Path, runs: int, before=None) -> dict:
    times, peaks = [], []
    for _ in range(runs):
        if before:
            before()
        elapsed, peak = timed(command, cwd)
        times.append(elapsed)
        peaks.append(peak)
    return {"median_s": round(statistics.median(times), 3), "min_s": round(min(times), 3),
            "max_s": round(max(times), 3), "peak_rss_mb": round(max(peaks) / 2**20, 1)}


def pages_in(site: Path) -> int:
    return sum(1 for p in site.rglob("*.html") if p.name != "404.html")


def first_load_bytes(site: Path, page: Path) -> dict:
    """A page's HTML, the CSS and JS it links, the search worker and the index it fetches."""
    html = page.read_text()
    assets = re.findall(r'(?:href|src)="([^"]+\.(?:css|js))"', html)
    sizes = {"html": page.stat().st_size, "css": 0, "js": 0}
    for asset in set(assets):
        file = (page.parent / asset).resolve()
        if file.is_file():
            sizes["css" if asset.endswith(".css") else "js"] += file.stat().st_size
    # Material starts its search worker on load, and the worker fetches the index.
    sizes["js"] += sum(f.stat().st_size for f in site.glob("assets/javascripts/workers/search.*.min.js"))
    sizes["search_index"] = (site / "search/search_index.json").stat().st_size
    sizes["total"] = sum(sizes.values())
    return sizes


def bench_size(copies: int, runs: int, scratch: Path) -> dict:
    project = scratch / f"x{copies}"
    make_curriculum(project, copies)
    iopkit = [str(BIN / "iopkit")]
    mkdocs = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet"]
    export = project / "export"
    timed([*iopkit, "export", "--format", "markdown", str(export), "--site", "facilitator"],
          project)
    result = {
        "copies": copies,
        "validate": measure([*iopkit, "validate"], project, runs),
        "guide_alone": measure([*mkdocs, "-f", "mkdocs.yml", "-d", str(scratch / "g")], project, runs),
        "workbook_alone": measure([*mkdocs, "-f", "workbook.yml", "-d", str(scratch / "w")], project, runs),
        "both_sites": measure([*iopkit, "build", "--no-pdf"], project, runs),
        "plain_guide": measure([*mkdocs, "-f", "mkdocs.yml", "-d", str(scratch / "p")], export, runs),
    }
    result["pages"] = {"guide": pages_in(project / "site/facilitator"),
                       "workbook": pages_in(project / "site/workbook")}
    total_pages = result["pages"]["guide"] + result["pages"]["workbook"]
    result["per_page_ms"] = round(1000 * result["both_sites"]["median_s"] / total_pages, 2)
    result["site_vs_plain_ratio"] = round(result["both_sites"]["median_s"]
                                          / result["plain_guide"]["median_s"], 3)
    workbook = project / "site/workbook"
    session_page = next(workbook.glob("relapse-prevention/*.html"))
    result["workbook_first_load"] = first_load_bytes(workbook, session_page)
    if copies == 1:  # printing grows with pages as building does; measured once, at 1x
        result["pdf"] = bench_pdf(project)
    return result


def bench_pdf(project: Path) -> dict:
    """`iopkit build` with the printed documents, once: its time, and site/pdf/'s size."""
    elapsed, peak = timed([str(BIN / "iopkit"), "build"], project)
    pdfs = sorted((project / "site/pdf").glob("*.pdf"))
    return {"build_with_pdf_s": round(elapsed, 3), "peak_rss_mb": round(peak / 2**20, 1),
            "files": len(pdfs), "total_bytes": sum(p.stat().st_size for p in pdfs)}


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
    summary = {
        "machine": machine(),
        "runs": runs,
        "site_vs_plain_ratio": one["site_vs_plain_ratio"] if one else None,
        "per_page_growth_10x": round(ten["per_page_ms"] / one["per_page_ms"], 3) if one and ten else None,
        "validate_10x_s": ten["validate"]["median_s"] if ten else None,
        "workbook_first_load_bytes": one["workbook_first_load"]["total"] if one else None,
        "pdf_build_s": one["pdf"]["build_with_pdf_s"] if one and "pdf" in one else None,
        "pdf_total_bytes": one["pdf"]["total_bytes"] if one and "pdf" in one else None,
        "sizes": results,
    }
    (REPO / "bench/results.json").write_text(json.dumps(summary, indent=2) + "\n")
    rows = []
    for r in results:
        for name in ("validate", "guide_alone", "workbook_alone", "both_sites", "plain_guide"):
            m = r[name]
            rows.append(f"| {r['copies']}x | {r['pages']['guide']} + {r['pages']['workbook']} | "
                        f"{name.replace('_', ' ')} | {m['median_s']:.2f} | {m['min_s']:.2f}–"
                        f"{m['max_s']:.2f} | {m['peak_rss_mb']:.0f} |")
    per_page = "\n".join(f"| {r['copies']}x | {r['per_page_ms']:.1f} | {r['site_vs_plain_ratio']:.2f} |"
                         for r in results)
    weight = one["workbook_first_load"] if one else {}
    text = f"""# Benchmark results

Machine: {summary['machine']}. Each figure is the median of {runs} runs of a whole process
(min–max beside it); memory is the peak resident size of the largest process in the tree.
Made by `python bench/run.py`; the numbers below are from its last run.

| size | pages (guide + workbook) | what | median s | spread s | peak MB |
|---|---|---|---:|---:|---:|
{chr(10).join(rows)}

"both sites" is `iopkit build --no-pdf`: both MkDocs builds at once. `make site` also
prints the PDFs (site/pdf/): `iopkit build` with them took {summary['pdf_build_s']} s at 1x,
for {summary['pdf_total_bytes'] or 0:,} bytes of PDF. "plain guide" is plain Material building
the guide's pages exported as Markdown (`iopkit export --format markdown`), with no hooks:
the baseline.

| size | build cost per page (ms, both sites) | both sites / plain guide |
|---|---:|---:|
{per_page}

## Targets

| target | measured |
|---|---|
| both sites at most 1.1x the plain guide build (1x) | {summary['site_vs_plain_ratio']}x |
| per-page cost at 10x within 1.3x of 1x | {summary['per_page_growth_10x']}x |
| `iopkit validate` on the 10x curriculum under 2 s | {summary['validate_10x_s']} s |
| workbook session page first load under 400 KB (1x) | {summary['workbook_first_load_bytes']:,} bytes |

Workbook session page first load at 1x (bytes, uncompressed): HTML {weight.get('html', 0):,},
CSS {weight.get('css', 0):,}, JS {weight.get('js', 0):,} (the page's scripts and Material's search
worker), search index {weight.get('search_index', 0):,}.
"""
    (REPO / "bench/RESULTS.md").write_text(text)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
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
