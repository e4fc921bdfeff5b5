"""The workbook in another language, in Chromium: the switch lands on the same page, an answer
typed in English is there in Spanish (answers are keyed by worksheet and field, not language),
Spanish pages pass axe, and nothing is fetched from anywhere but the workbook itself."""

from __future__ import annotations

import pytest

from helpers import MARK, PHONE, serious_accessibility_violations

SESSION = "calm-skills/noticing-stress.html"


def test_the_switch_lands_on_the_same_page_both_ways(browser, spanish_url):
    page = browser.new_page(viewport=PHONE)
    page.goto(spanish_url + f"workbook/{SESSION}")
    page.locator("[data-language-switch]").click()
    page.wait_for_url(spanish_url + f"workbook/es/{SESSION}")
    assert page.locator("html").get_attribute("lang") == "es"
    assert MARK.strip() in page.locator("h1").inner_text()
    page.locator("[data-language-switch]").click()
    page.wait_for_url(spanish_url + f"workbook/{SESSION}")
    page.close()


def test_an_answer_typed_in_english_is_there_in_spanish(browser, spanish_url):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(spanish_url + f"workbook/{SESSION}")
    page.locator(".iop-worksheet textarea").first.fill("I walk around the block")
    page.wait_for_timeout(300)
    page.goto(spanish_url + f"workbook/es/{SESSION}")
    assert page.locator(".iop-worksheet textarea").first.input_value() == "I walk around the block"
    context.close()


@pytest.mark.parametrize("path", [f"workbook/es/{SESSION}", "workbook/es/get-help.html",
                                  "workbook/es/index.html"])
def test_spanish_pages_pass_axe_and_fetch_nothing_from_elsewhere(browser, spanish_url, path):
    assert serious_accessibility_violations(browser, spanish_url + path, "light") == []
    page = browser.new_page(viewport=PHONE)
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(spanish_url + path)
    page.wait_for_load_state("networkidle")
    page.close()
    assert requested and all(url.startswith(spanish_url) for url in requested), \
        [url for url in requested if not url.startswith(spanish_url)]
