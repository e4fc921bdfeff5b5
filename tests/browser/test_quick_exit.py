"""Quick exit, as a person in danger uses it: on a phone, by touch or by keyboard, on a
session page the curriculum marks sensitive. The exit goes to a neutral page served here,
so the test makes no request to another site; the workbook page must leave the tab's
history, so Back never returns to it."""

from __future__ import annotations

import pytest

from helpers import build_site, edit, make_project, tab_to
from iopkit.site.registry import site_named

SESSION_FILE = "modules/coping-basics/01-breathing.yml"
SENSITIVE = "workbook/coping-basics/breathing.html"
NOT_SENSITIVE = "workbook/coping-basics/breathing-again.html"
BEFORE = "before.html"  # where the reader was before the workbook page
NEUTRAL = "neutral.html"  # where the quick exit goes
QUICK_EXIT = '[data-action="quick-exit"]'


@pytest.fixture(scope="module")
def site(tmp_path_factory, serve) -> str:
    """The fixture curriculum with one sensitive session and one that is not, built into a
    folder already served on 127.0.0.1, with quick_exit_url at the neutral page there."""
    served = tmp_path_factory.mktemp("served")
    base = serve(served)
    project = make_project(tmp_path_factory.mktemp("quick-exit") / "project")
    second = project / "modules/coping-basics/02-breathing-again.yml"
    second.write_text((project / SESSION_FILE).read_text()
                      .replace("id: breathing\n", "id: breathing-again\n")
                      .replace('title: "Slow breathing"', 'title: "Slow breathing again"'))
    edit(project, SESSION_FILE, "worksheets: [breathing-log]\n",
         "worksheets: [breathing-log]\nsensitive: true\n")
    edit(project, "curriculum/program.yml", 'time_zone: "America/New_York"',
         f'time_zone: "America/New_York"\nquick_exit_url: "{base}{NEUTRAL}"')
    build_site(project, site_named("workbook"), served / "workbook")
    (served / NEUTRAL).write_text("<!doctype html><title>Weather</title><p>Sunny today.</p>")
    (served / BEFORE).write_text("<!doctype html><title>Start</title><p>A page.</p>")
    return base


def open_sensitive_page(page, site: str) -> int:
    """The reader comes from another page to the sensitive one; the tab's history length."""
    page.goto(site + BEFORE)
    page.goto(site + SENSITIVE)
    page.wait_for_load_state("load")
    return page.evaluate("history.length")


def assert_left_for_good(page, site: str, length: int) -> None:
    """On the neutral page, with the workbook page gone from the tab's history."""
    page.wait_for_url(site + NEUTRAL)
    assert page.evaluate("history.length") == length  # replaced, not added
    page.go_back()
    assert page.url != site + SENSITIVE
    assert page.url in (site + BEFORE, "about:blank")


def test_the_button_is_large_visible_and_fixed_in_view(phone, site):
    refused = []
    phone.on("console", lambda message: refused.append(message.text)
             if "Content Security Policy" in message.text else None)
    open_sensitive_page(phone, site)
    button = phone.locator(QUICK_EXIT)
    assert button.is_visible() and button.inner_text().strip() == "Quick exit"
    box = button.bounding_box()
    assert box["height"] >= 44 and box["width"] >= 44  # a thumb's size
    viewport = phone.viewport_size
    phone.mouse.wheel(0, 2000)
    phone.wait_for_timeout(200)
    after = button.bounding_box()  # still in the same place on screen after scrolling
    assert (after["x"], after["y"]) == (box["x"], box["y"])
    assert 0 <= after["y"] and after["y"] + after["height"] <= viewport["height"]
    assert refused == []  # the script is the workbook's own file: the policy allows it


def test_a_keyboard_reaches_the_button_and_enter_leaves(phone, site):
    length = open_sensitive_page(phone, site)
    tab_to(phone, "quick-exit", 40)
    phone.keyboard.press("Enter")
    assert_left_for_good(phone, site, length)


def test_pressing_the_button_replaces_the_page(phone, site):
    length = open_sensitive_page(phone, site)
    phone.locator(QUICK_EXIT).click()
    assert_left_for_good(phone, site, length)


def test_escape_twice_within_a_second_replaces_the_page(phone, site):
    length = open_sensitive_page(phone, site)
    phone.keyboard.press("Escape")
    phone.keyboard.press("Escape")
    assert_left_for_good(phone, site, length)


def test_escape_once_or_slowly_twice_stays(phone, site):
    open_sensitive_page(phone, site)
    phone.keyboard.press("Escape")
    phone.wait_for_timeout(1300)
    phone.keyboard.press("Escape")
    phone.wait_for_timeout(500)
    assert phone.url == site + SENSITIVE


def test_a_page_not_marked_sensitive_has_no_button_and_escape_stays(phone, site):
    phone.goto(site + NOT_SENSITIVE)
    assert phone.locator(QUICK_EXIT).count() == 0
    assert phone.locator("h1").inner_text().startswith("Slow breathing again")
    phone.keyboard.press("Escape")
    phone.keyboard.press("Escape")
    phone.wait_for_timeout(500)
    assert phone.url == site + NOT_SENSITIVE
