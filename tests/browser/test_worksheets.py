"""Worksheet answers are saved in this browser as you type, come back after a reload,
and are gone after "Erase my answers". On the fixture program's workbook, whose
"My stress check" has a field of every type: text, scale, checklist and table."""

from __future__ import annotations

import pytest

PAGE = "calm-skills/noticing-stress.html"
FORM = 'form[data-worksheet="stress-check"]'
# Material keeps its own settings (colour palette) in localStorage too; ours are prefixed.
SAVED_KEYS = "Object.keys(localStorage).filter(k => k.startsWith('iopkit:')).sort()"


@pytest.fixture(scope="module")
def workbook_url(published_url):
    return published_url + "workbook/"


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    yield page
    context.close()


def test_answers_survive_a_reload_and_erase_removes_them(page, workbook_url):
    page.goto(workbook_url + PAGE)
    form = page.locator(FORM)
    form.locator('[data-field="signs"] textarea').fill("Tight shoulders, on the bus")
    form.locator('[data-field="stress-level"] input[value="7"]').check()
    form.locator('[data-field="what-helped"] input[value="1"]').check()
    form.locator('[data-field="what-helped"] input[value="2"]').check()
    form.locator('[data-field="week-log"] input').first.fill("Monday")

    page.reload()
    form = page.locator(FORM)
    assert form.locator('[data-field="signs"] textarea').input_value() == "Tight shoulders, on the bus"
    assert form.locator('[data-field="stress-level"] input[value="7"]').is_checked()
    assert form.locator('[data-field="what-helped"] input[value="1"]').is_checked()
    assert form.locator('[data-field="what-helped"] input[value="2"]').is_checked()
    assert not form.locator('[data-field="what-helped"] input[value="0"]').is_checked()
    assert form.locator('[data-field="week-log"] input').first.input_value() == "Monday"
    stored = page.evaluate(SAVED_KEYS)
    prefix = "iopkit:v2:test-program:stress-check:"  # the program's id, then the field's
    assert stored == [prefix + "signs", prefix + "stress-level", prefix + "week-log",
                      prefix + "what-helped"]

    page.once("dialog", lambda dialog: dialog.dismiss())  # "Cancel" keeps the answers
    form.get_by_role("button", name="Erase my answers").click()
    assert form.locator('[data-field="signs"] textarea').input_value() != ""

    page.once("dialog", lambda dialog: dialog.accept())
    form.get_by_role("button", name="Erase my answers").click()
    page.reload()
    form = page.locator(FORM)
    assert form.locator('[data-field="signs"] textarea').input_value() == ""
    assert not form.locator('[data-field="stress-level"] input:checked').count()
    assert not form.locator('[data-field="what-helped"] input:checked').count()
    assert form.locator('[data-field="week-log"] input').first.input_value() == ""
    assert page.evaluate(SAVED_KEYS) == []


def test_workbook_pages_request_nothing_from_other_origins(page, workbook_url):
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    for path in ("", PAGE, "get-help.html", "no-such-page.html"):
        page.goto(workbook_url + path)
        page.wait_for_load_state("networkidle")
    assert requests
    assert [url for url in requests if not url.startswith(workbook_url)] == []
    assert page.context.cookies() == []


def test_crisis_help_is_visible_without_scrolling_on_a_phone(page, workbook_url):
    page.goto(workbook_url + PAGE)
    call = page.locator('.iop-crisis a[href="tel:988"]')
    assert call.is_visible()
    box = call.bounding_box()
    assert box is not None and box["y"] + box["height"] <= 844
    assert page.locator('.iop-crisis a[href="sms:988"]').is_visible()
    assert page.locator('.iop-crisis a[href="tel:18006624357"]').count() == 1
