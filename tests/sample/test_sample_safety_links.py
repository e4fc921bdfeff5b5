"""The sample's relationship-safety page, as a client meets it: marked sensitive (a Quick
exit button), and every phone number a tap-to-call or text link."""

from __future__ import annotations

import re

from helpers import REPO
from iopkit.editing.lint import phone_findings
from iopkit.site.pipeline import render_audience

QUICK_EXIT = '[data-action="quick-exit"]'

NUMBER = re.compile(r"(?<![\w$.,/:-])(?:1-)?\d{3}-\d{3}-\d{4}|(?<![\w$.,/:-])(?:988|911|88788)"
                    r"(?![\w/-])")


def digits(number: str) -> str:
    found = re.sub(r"\D", "", number)
    return found[1:] if len(found) == 11 else found


def test_every_number_on_the_relationship_safety_page_has_a_tap_to_call_link(
        phone, published_url):
    phone.goto(published_url + "workbook/healthy-relationships/safety-in-relationships.html")
    article = phone.locator("article")
    assert article.locator(QUICK_EXIT).is_visible()  # the sample marks this page sensitive
    numbers = set(NUMBER.findall(article.inner_text()))
    hrefs = article.locator('a[href^="tel:"], a[href^="sms:"]').evaluate_all(
        "links => links.map(a => a.getAttribute('href'))")
    assert {"1-800-799-7233", "911", "988", "88788"} <= numbers
    dialed = {digits(href.split(":", 1)[1]) for href in hrefs}
    assert {digits(n) for n in numbers} <= dialed
    assert "tel:18007997233" in hrefs and "sms:88788" in hrefs


def test_the_relationship_safety_page_has_a_link_for_every_number_on_it():
    """The page people may read in danger: its reading writes each number as a link, and
    each number anywhere on it (a worksheet option too) is one a link on the page dials."""
    page = render_audience(REPO, "client")[0].pages[
        "healthy-relationships/safety-in-relationships.md"]
    for link in ["[1-800-799-7233](tel:18007997233)", "[text START to 88788](sms:88788)",
                 "[911](tel:911)", "[988](tel:988)"]:
        assert link in page, link
    dialed = {re.sub(r"\D", "", target).removeprefix("1") if len(target) > 10 else target
              for target in re.findall(r"\((?:tel|sms):(\d+)\)", page)}
    numbers = {re.sub(r"\D", "", f.number).removeprefix("1") if len(f.number) > 10 else f.number
               for f in phone_findings(re.sub(r"<[^>]+>", " ", page))}
    assert numbers and numbers <= dialed, numbers - dialed


def test_sensitive_sessions_of_the_sample_get_a_quick_exit_and_others_do_not():
    site, _ = render_audience(REPO, "client")
    pages = site.pages
    sensitive = {"healthy-relationships/healthy-unhealthy-relationship-signs.md",
                 "healthy-relationships/safety-in-relationships.md",
                 "family-role/substance-use-affects-whole-family.md",
                 "family-role/setting-boundaries-at-home.md",
                 "family-role/craft-family-support-and-family-sessions.md",
                 "underlying-causes/stress-trauma-and-grounding.md",
                 "staying-alive-and-well/safety-plan-for-hard-moments.md"}
    with_button = {path for path, page in pages.items() if 'data-action="quick-exit"' in page}
    assert with_button == sensitive
    assert f'data-url="{site.program.quick_exit_url}"' in pages[min(sensitive)]
