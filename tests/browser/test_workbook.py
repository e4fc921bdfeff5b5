"""The Client Workbook as a person meets it: on a phone, in dark mode, at large text, by
keyboard, from disk, on paper. Runs on the fixture program, built as it is published.
(tests/sample/ runs the accessibility and crisis-help checks on the shipped curriculum.)"""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from helpers import assert_crisis_help_and_policy, serious_accessibility_violations

# One page of each kind the workbook has.
PAGE_KINDS = {
    "home": "workbook/index.html",
    "module": "workbook/calm-skills/index.html",
    "session with worksheet": "workbook/calm-skills/noticing-stress.html",
    "session without worksheet": "workbook/people-who-help/saying-no.html",
    "get help": "workbook/get-help.html",
    "group agreements": "workbook/group-agreements.html",
    "about": "workbook/about.html",
    "your week": "workbook/your-week/daytime.html",
    "not found": "no-such-page.html",
}
SESSION = PAGE_KINDS["session with worksheet"]


@pytest.fixture(scope="module")
def url_of(published_url, workbook_alone_url):
    """The page of a kind; the 404 page from the workbook served at a site root, as its
    links expect when no site_url is set."""
    def url(kind: str) -> str:
        if kind == "not found":
            return workbook_alone_url + PAGE_KINDS[kind]
        return published_url + PAGE_KINDS[kind]
    return url


@pytest.fixture(scope="module")
def workbook_alone_url(program_sites, serve):
    return serve(program_sites / "workbook", not_found="404.html")


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_no_serious_or_critical_accessibility_violations(browser, url_of, kind, scheme):
    assert serious_accessibility_violations(browser, url_of(kind), scheme) == []


@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_every_page_has_crisis_help_a_policy_and_no_violations_of_it(phone, url_of, kind):
    assert_crisis_help_and_policy(phone, url_of(kind))


def test_the_policy_refuses_a_script_from_elsewhere(phone, published_url):
    phone.goto(published_url + SESSION)
    refused = []
    phone.on("console", lambda message: refused.append(message.text))
    phone.evaluate("""() => { const s = document.createElement('script');
        s.src = 'https://example.org/x.js'; document.head.appendChild(s); }""")
    phone.wait_for_timeout(300)
    assert any("Content Security Policy" in text for text in refused)


def test_erase_all_clears_every_worksheet_on_this_device(phone, published_url):
    phone.goto(published_url + SESSION)
    phone.locator(".iop-worksheet textarea").first.fill("something private")
    phone.goto(published_url + "workbook/people-who-help/asking-for-help.html")
    phone.locator(".iop-worksheet textarea").first.fill("another answer")
    assert phone.evaluate("Object.keys(localStorage).filter(k => k.startsWith('iopkit:')).length") == 2

    phone.goto(published_url + "workbook/index.html")
    phone.once("dialog", lambda dialog: dialog.accept())
    phone.get_by_role("button", name="Erase all my answers").click()
    assert "erased" in phone.locator(".iop-erase-all__status").inner_text()
    assert phone.evaluate("Object.keys(localStorage).filter(k => k.startsWith('iopkit:')).length") == 0
    phone.goto(published_url + SESSION)
    assert phone.locator(".iop-worksheet textarea").first.input_value() == ""


def test_a_worksheet_can_be_filled_in_by_keyboard_with_visible_focus(phone, published_url):
    phone.goto(published_url + SESSION)
    first_box = phone.locator(".iop-worksheet textarea").first
    for _ in range(300):
        phone.keyboard.press("Tab")
        if phone.evaluate("document.activeElement.matches('.iop-worksheet textarea')"):
            break
    else:
        pytest.fail("Tab never reached the worksheet")
    focus_ring = phone.evaluate("""() => { const s = getComputedStyle(document.activeElement);
        return s.outlineStyle !== 'none' && s.outlineWidth !== '0px' || s.boxShadow !== 'none'; }""")
    assert focus_ring, "the focused field shows no focus indicator"
    phone.keyboard.type("typed without a mouse")
    assert first_box.input_value() == "typed without a mouse"


@pytest.mark.parametrize("kind", ["home", "session with worksheet", "get help"])
def test_text_at_200_percent_loses_nothing(browser, url_of, kind):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(url_of(kind))
    base = page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")
    page.evaluate("document.documentElement.style.fontSize = '200%'")
    grown = page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")
    assert grown >= 1.5 * base
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1, "text at 200% makes the page scroll sideways"
    assert page.locator('.iop-crisis a[href="tel:988"]').is_visible()
    context.close()


def test_the_workbook_works_opened_from_disk(phone, program_sites):
    requests = []
    phone.on("request", lambda request: requests.append(request.url))
    home = (program_sites / "workbook" / "index.html").as_uri()
    phone.goto(home)
    phone.locator('a[href$="get-help.html"]').first.click()
    assert phone.locator("h1").inner_text().startswith("Get help now")
    phone.goto((program_sites / SESSION).as_uri())
    phone.locator(".iop-worksheet textarea").first.fill("saved from disk")
    phone.reload()
    assert phone.locator(".iop-worksheet textarea").first.input_value() == "saved from disk"
    # search runs offline too (the index ships as a script, the worker in an iframe)
    phone.set_viewport_size({"width": 1280, "height": 900})
    phone.goto(home)
    # Material says "Initializing search" until its worker is ready; a person types after.
    phone.locator("input.md-search__input").click()
    phone.wait_for_function("""() => {
        const meta = document.querySelector('.md-search-result__meta');
        return meta && !/Initializing/.test(meta.textContent); }""", timeout=10_000)
    phone.keyboard.type("stress")
    phone.wait_for_selector(".md-search-result__item", timeout=10_000)
    assert phone.locator(".md-search-result__item").count() >= 1
    assert "Noticing stress" in phone.locator(".md-search-result").inner_text()
    assert [url for url in requests if not url.startswith("file://")] == []


def _pdf_text(pdf: bytes) -> tuple[int, str]:
    """Pages and text of a PDF, read by pypdf: what is on the paper."""
    reader = PdfReader(io.BytesIO(pdf))
    return len(reader.pages), " ".join((page.extract_text() or "") for page in reader.pages)


@pytest.mark.parametrize("path,must_show", [
    ("facilitator/calm-skills/noticing-stress.html", "Fidelity checklist"),
    (SESSION, "my answer on paper"),
])
def test_pages_print_cleanly(browser, published_url, path, must_show):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(published_url + path)
    if path.startswith("workbook/"):
        page.locator(".iop-worksheet textarea").first.fill("my answer on paper")
    page.emulate_media(media="print")
    for chrome in (".md-header", ".md-sidebar--primary", ".md-footer", ".iop-crisis", ".iop-erase"):
        hidden = page.locator(chrome).count() == 0 or not page.locator(chrome).first.is_visible()
        assert hidden, f"{chrome} shows in print"
    pages, text = _pdf_text(page.pdf(format="Letter"))
    context.close()
    assert 1 <= pages <= 25
    assert must_show in " ".join(text.split())  # on paper, typed answers included
