"""The shipped curriculum's Client Workbook in Chromium: one page of each kind has no
serious or critical accessibility violation, in light and dark mode, and shows crisis help
under the workbook's Content-Security-Policy with nothing refused."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from helpers import assert_crisis_help_and_policy, serious_accessibility_violations

# One page of each kind the shipped workbook has.
PAGE_KINDS = {
    "home": "workbook/index.html",
    "module": "workbook/family-role/index.html",
    "session with worksheet": "workbook/family-role/substance-use-affects-whole-family.html",
    "get help": "workbook/get-help.html",
    "group agreements": "workbook/group-agreements.html",
    "about": "workbook/about.html",
    "your week": "workbook/your-week/daytime.html",
    "your first group": "workbook/first-group.html",
    "sensitive session": "workbook/staying-alive-and-well/safety-plan-for-hard-moments.html",
    "not found": "no-such-page.html",
}


@pytest.fixture(scope="module")
def url_of(real_sites, serve):
    """The page of a kind; the 404 page from the workbook served at a site root, as its
    links expect when no site_url is set."""
    published = serve(real_sites)
    workbook_alone = serve(real_sites / "workbook", not_found="404.html")

    def url(kind: str) -> str:
        return (workbook_alone if kind == "not found" else published) + PAGE_KINDS[kind]
    return url


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_no_serious_or_critical_accessibility_violations(browser, url_of, kind, scheme):
    assert serious_accessibility_violations(browser, url_of(kind), scheme) == []


@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_every_kind_of_page_has_crisis_help_a_policy_and_no_violations_of_it(phone, url_of, kind):
    assert_crisis_help_and_policy(phone, url_of(kind))


@pytest.mark.parametrize("path,field", [
    ("workbook/staying-alive-and-well/safety-plan-for-hard-moments.html", "textarea"),
    ("workbook/continuing-care/building-my-continuing-care-plan.html", "textarea"),
])
def test_the_safety_plan_and_the_continuing_care_plan_keep_answers_and_print(
        browser, published_url, path, field):
    """Two worksheets clients are asked to keep: typed answers stay on the device after a
    reload, and print with their questions."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(published_url + path)
    box = page.locator(f".iop-worksheet {field}").first
    box.fill("Call my sister Ana")
    page.wait_for_timeout(300)  # saved as the reader types (debounced)
    page.reload()
    assert page.locator(f".iop-worksheet {field}").first.input_value() == "Call my sister Ana"
    label = page.locator(".iop-worksheet label").first.inner_text().strip()
    page.emulate_media(media="print")
    text = " ".join(" ".join(p.extract_text() or "" for p in
                             PdfReader(io.BytesIO(page.pdf(format="Letter"))).pages).split())
    context.close()
    assert "Call my sister Ana" in text and " ".join(label.split()) in text
