"""The printed documents `iopkit build` writes into site/pdf/: the facilitator manual's
contents point at the right pages, every handout page carries the crisis line, each QR code
leads to its worksheet's online page, no client PDF holds facilitator-only text, and the
sites link to the PDFs only when they are built. On the fixture program, with Spanish."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from helpers import FIXTURES, make_project, run_iopkit, translate_for_tests
from iopkit.content.validate import load_curriculum
from iopkit.site.audience import select_audience
from leaks import squash
from test_audience import hidden_facilitator_blocks

SITE_URL = "https://example.org/clinic/"


def _pages(pdf: Path) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(pdf).pages]


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """The fixture program, with a Spanish workbook, built once for publishing."""
    root = make_project(tmp_path_factory.mktemp("print") / "project", FIXTURES / "program")
    translate_for_tests(root)
    result = run_iopkit(root, "build", "--site-url", SITE_URL)
    assert result.returncode == 0, result.stderr
    assert "printed" in result.stdout and "QR" not in result.stdout
    return root


@pytest.fixture(scope="module")
def curriculum():
    curriculum, _ = load_curriculum(FIXTURES / "program")
    return curriculum


def test_every_document_is_written(built, curriculum):
    names = {path.name for path in (built / "site/pdf").iterdir()}
    expected = {"facilitator-manual.pdf"}
    for module in curriculum.modules:
        expected |= {f"handouts-{module.module.id}.pdf", f"handouts-{module.module.id}-es.pdf"}
    expected |= {f"week-{track.id}.pdf" for track in curriculum.tracks}
    assert names == expected
    for track in curriculum.tracks:  # the week at a glance fits on one page
        assert len(PdfReader(built / f"site/pdf/week-{track.id}.pdf").pages) == 1


def test_the_manuals_contents_give_each_sessions_page(built, curriculum):
    pages = _pages(built / "site/pdf/facilitator-manual.pdf")
    contents = pages[1]
    assert contents.startswith("Contents") or "Contents" in contents.splitlines()[0]
    sessions = [entry.session.title for m in curriculum.modules for entry in m.sessions]
    for title in sessions:
        assert title in contents, f"{title} is not in the contents"
    for title in sessions[:: max(1, len(sessions) // 4)]:  # a sample, first to last
        line = next(line for line in contents.splitlines() if title in line)
        number = int(re.search(r"(\d+)\s*$", line).group(1))
        heading = pages[number - 1]
        assert title in heading, f"contents say {title} is on page {number}"
        assert f"{number}" in heading.split()[-3:], "the page carries its number"
    # the fidelity checklist is printed; the session starts on a page of its own
    assert any("Fidelity checklist" in page for page in pages)


def test_every_handout_page_carries_the_crisis_line(built, curriculum):
    line = curriculum.program.crisis_resources[0]
    for pdf in sorted((built / "site/pdf").glob("*.pdf")):
        if pdf.name == "facilitator-manual.pdf":
            continue
        for number, text in enumerate(_pages(pdf), start=1):
            assert line.name in text and line.contacts[0].value in text, f"{pdf.name} p{number}"


def _qr_codes(pdf: Path, scratch: Path) -> list[str]:
    """Every QR code on the pages of a PDF, decoded from images of the pages."""
    import zxingcpp
    from PIL import Image
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm is not installed (apt-get install poppler-utils)")
    scratch.mkdir(exist_ok=True)
    subprocess.run(["pdftoppm", "-r", "150", "-png", str(pdf), str(scratch / "page")], check=True)
    found = []
    for image in sorted(scratch.glob("page*.png")):
        found += [code.text for code in zxingcpp.read_barcodes(Image.open(image))]
    return found


def test_each_worksheets_qr_code_leads_to_its_online_page(built, curriculum, tmp_path):
    module = curriculum.modules[0]
    expected = [f"{SITE_URL}workbook/{module.module.id}/{entry.session.id}.html#worksheet-{ws}"
                for entry in module.sessions for ws in entry.session.worksheets]
    assert expected, "the fixture's first module should have worksheets"
    assert _qr_codes(built / f"site/pdf/handouts-{module.module.id}.pdf", tmp_path / "en") == expected
    spanish = _qr_codes(built / f"site/pdf/handouts-{module.module.id}-es.pdf", tmp_path / "es")
    assert spanish == [address.replace("/workbook/", "/workbook/es/") for address in expected]
    # and the address is printed beside it, to type
    text = " ".join(_pages(built / f"site/pdf/handouts-{module.module.id}.pdf"))
    assert squash(expected[0].split("://")[1].split("#")[0]) in squash(text)


def test_no_client_pdf_holds_facilitator_only_text(built, curriculum):
    blocks = hidden_facilitator_blocks(curriculum)
    assert len(blocks) > 60
    for pdf in sorted((built / "site/pdf").glob("*.pdf")):
        if pdf.name == "facilitator-manual.pdf":
            continue
        text = squash(" ".join(_pages(pdf)))
        leaks = [block for block in blocks if squash(block) in text]
        assert leaks == [], f"{pdf.name} holds facilitator-only text"
    # the check can see: the manual holds it
    manual = squash(" ".join(_pages(built / "site/pdf/facilitator-manual.pdf")))
    assert sum(squash(block) in manual for block in blocks) > len(blocks) // 2
    # and the packets hold the client's text
    client = select_audience(curriculum, "client")
    reading = client.modules[0].sessions[0].session.client.key_points[0]
    assert squash(reading) in squash(" ".join(_pages(
        built / f"site/pdf/handouts-{client.modules[0].module.id}.pdf")))


def _links_to_pdfs(page: Path) -> list[str]:
    return re.findall(r'href="([^"]+\.pdf)"', page.read_text(encoding="utf-8"))


def test_the_sites_links_to_the_pdfs_resolve(built, curriculum):
    site = built / "site"
    home = site / "facilitator/index.html"
    assert _links_to_pdfs(home) == ["../pdf/facilitator-manual.pdf"]
    assert (home.parent / _links_to_pdfs(home)[0]).resolve().is_file()
    for module in curriculum.modules:
        for folder, suffix in (("workbook", ""), ("workbook/es", "-es")):
            page = site / folder / module.module.id / "index.html"
            links = _links_to_pdfs(page)
            assert len(links) == 1 and links[0].endswith(f"handouts-{module.module.id}{suffix}.pdf")
            assert (page.parent / links[0]).resolve().is_file()
    for track in curriculum.tracks:
        page = site / "workbook/your-week" / f"{track.id}.html"
        assert [(page.parent / link).resolve().name for link in _links_to_pdfs(page)] == [
            f"week-{track.id}.pdf"]
        assert (page.parent / _links_to_pdfs(page)[0]).resolve().is_file()


def test_without_a_site_url_packets_have_no_qr_code_and_the_build_says_why(tmp_path, curriculum):
    root = make_project(tmp_path / "project", FIXTURES / "program")
    result = run_iopkit(root, "build")
    assert result.returncode == 0, result.stderr
    notes = [line for line in result.stdout.splitlines() if "QR" in line]
    assert len(notes) == 1 and "--site-url" in notes[0]
    module = curriculum.modules[0].module.id
    assert _qr_codes(root / f"site/pdf/handouts-{module}.pdf", tmp_path / "pages") == []
    # --no-pdf: no site/pdf/ and no page links to one
    shutil.rmtree(root / "site")
    result = run_iopkit(root, "build", "--no-pdf")
    assert result.returncode == 0, result.stderr
    assert not (root / "site/pdf").exists()
    assert [p for p in (root / "site").rglob("*.html") if _links_to_pdfs(p)] == []


def test_a_failed_printing_leaves_site_as_it_was(tmp_path, monkeypatch):
    from iopkit.build.run_mkdocs import BuildFailed, PrintFailed, build_sites
    root = make_project(tmp_path / "project")
    (root / "site/pdf").mkdir(parents=True)
    (root / "site/pdf/old.pdf").write_bytes(b"old")

    def broken_printer(folders, target, epoch):
        raise PrintFailed("the printer broke")

    with pytest.raises(BuildFailed) as failed:
        build_sites(root, printer=broken_printer)
    assert failed.value.logs == {"print": "the printer broke"}
    assert sorted(p.name for p in (root / "site").iterdir()) == ["pdf"]
    assert (root / "site/pdf/old.pdf").read_bytes() == b"old"
