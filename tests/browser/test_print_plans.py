"""Printing from the browser: a session plan leads from its say lines on screen and carries
the folded background on paper; headings are never stranded at the foot of a page; printed
workbook pages carry the crisis lines."""

from __future__ import annotations

import collections
import io

from pypdf import PdfReader

PLAN = "facilitator/calm-skills/noticing-stress.html"
BACKGROUND = "Noticing them early gives members time to choose what to do next."


def _bottom_lines(pdf: bytes) -> list[str]:
    """The lowest line of text on each printed page, found by position (not text order).

    Chromium draws running text in one page transform; pypdf reports the transform of some
    small inline text (<small>) only in part, so positions are compared within the page's
    main transform."""
    bottoms = []
    for page in PdfReader(io.BytesIO(pdf)).pages:
        pieces: list[tuple[tuple, float, str]] = []

        def seen(text, cm, tm, font, size, pieces=pieces):
            if text.strip():
                pieces.append((tuple(cm), tm[5] * cm[3] + cm[5], text))
        page.extract_text(visitor_text=seen)
        main = collections.Counter(cm for cm, _, _ in pieces).most_common(1)[0][0]
        lines = [(y, text) for cm, y, text in pieces if cm == main]
        lowest = min(y for y, _ in lines)
        bottoms.append(" ".join(t.strip() for y, t in lines if abs(y - lowest) < 2))
    return bottoms


def _pdf_text(pdf: bytes) -> str:
    return " ".join(" ".join((p.extract_text() or "") for p in PdfReader(io.BytesIO(pdf)).pages)
                    .split())


def test_background_is_folded_on_screen_and_printed(browser, published_url):
    page = browser.new_page(viewport={"width": 1024, "height": 768})
    page.goto(published_url + PLAN)
    assert page.get_by_text("Tight shoulders, a fast heart").first.is_visible()  # a say line
    background = page.locator("details.iop-background").first
    assert background.is_visible() and background.get_attribute("open") is None
    assert not page.get_by_text(BACKGROUND).is_visible()
    page.emulate_media(media="print")
    assert BACKGROUND in _pdf_text(page.pdf(format="Letter"))
    assert background.get_attribute("open") is None  # folded again after printing
    page.close()


def test_a_printed_plan_never_ends_a_page_with_a_heading(browser, published_url):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(published_url + PLAN)
    headings = {" ".join(h.split()) for h in page.locator(
        "article h1, article h2, article h3, .admonition-title, details > summary").all_inner_texts()}
    page.emulate_media(media="print")
    pdf = page.pdf(format="Letter")
    page.close()
    bottoms = _bottom_lines(pdf)
    assert len(bottoms) >= 2  # long enough to break across pages
    stranded = [line for line in bottoms if line.rstrip("¶ ") in headings]
    assert not stranded, stranded


def test_a_printed_workbook_page_carries_the_crisis_lines(browser, published_url):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(published_url + "workbook/calm-skills/noticing-stress.html")
    page.emulate_media(media="print")
    pdf = page.pdf(format="Letter")
    page.close()
    reader = PdfReader(io.BytesIO(pdf))
    for number, printed in enumerate(reader.pages, start=1):
        text = " ".join((printed.extract_text() or "").split())
        assert "Need help now?" in text and "call 988" in text, f"page {number}"
    text = _pdf_text(pdf)
    assert "Saved as you type" not in text  # a screen-only note stays off paper
