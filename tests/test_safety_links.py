"""Safety on a phone: every number a client may call or text is a tap-to-call link (lint's
phone-link rule), and sessions marked sensitive get a Quick exit on their workbook page."""

from __future__ import annotations

import datetime as dt

import pytest

from helpers import edit, run_iopkit
from iopkit.editing.lint import LintConfig, lint, phone_findings
from iopkit.site.pipeline import render_audience

SESSION = "modules/coping-basics/01-breathing.yml"
WORKSHEET = "modules/coping-basics/worksheets/breathing-log.yml"
PROGRAM = "curriculum/program.yml"
READING_LINE_2 = "Try it for one minute. Breathe in through your nose. Breathe out slowly."


def lint_project(project) -> list[str]:
    valid, problems = lint(project, LintConfig(today=dt.date(2026, 6, 1)))
    assert valid
    return [p.as_text() for p in problems]


# --- what counts as a number to tap ---------------------------------------------------------

@pytest.mark.parametrize("text,number,href", [
    ("Call the hotline at 1-800-799-7233 any time.", "1-800-799-7233", "tel:18007997233"),
    ("Call 800-662-4357.", "800-662-4357", "tel:8006624357"),
    ("Call (800) 662-4357 today.", "(800) 662-4357", "tel:8006624357"),
    ("If you are in danger, call 911.", "911", "tel:911"),
    ("You can call or text 988 at any time.", "988", "tel:988"),
    ("Or text START to 88788.", "88788", "sms:88788"),
    ("Veterans can send a text to 838255.", "838255", "sms:838255"),
    ("Send your ZIP code to 435748 to find help.", "435748", "sms:435748"),
])
def test_a_bare_number_is_found_with_the_link_to_write(text, number, href):
    [finding] = phone_findings(text)
    assert (finding.number, finding.href) == (number, href)
    assert text[finding.start:].startswith(number)


@pytest.mark.parametrize("text", [
    "In 2023, naloxone went on sale without a prescription.",  # a year
    "Breathe slowly for 15 minutes, or 90 minutes in all.",  # minutes
    "Anyone 21 or older may join, at age 18 with a parent.",  # ages
    "About 9,500 adults took part; 12,000 people were asked.",  # counts with commas
    "The study followed 10000 people for 5 years.",  # a long count with no dialing word
    "We met in 1988 and again in 1911.",  # years that end like a short line
    "Chat at 988lifeline.org or see https://example.org/988/help.",  # addresses
    "Groups meet at 9:11 and cost $911.",  # a clock time and an amount
    "Call [1-800-799-7233](tel:18007997233) or [text START to 88788](sms:88788).",
    "Call **[988](tel:988)** or text [988](sms:988). In danger, call [911](tel:911).",
    "The code `988` is an example.",
])
def test_years_minutes_ages_and_links_stay_quiet(text):
    assert phone_findings(text) == []


def test_a_link_that_dials_another_number_than_it_shows_is_found():
    [finding] = phone_findings("Call [1-800-799-7233](tel:18006624357).")
    assert finding.number == "1-800-799-7233"
    assert "dials tel:18006624357, another number" in finding.problem


# --- the rule on a project --------------------------------------------------------------

def column(project, rel: str, line: int, text: str) -> int:
    return (project / rel).read_text().splitlines()[line - 1].index(text) + 1


def test_a_bare_number_in_a_reading_is_reported_at_its_own_line_with_the_fix(project):
    """The reading is a block: the problem is on the line of the number, not of `reading:`."""
    edit(project, SESSION, READING_LINE_2,
         READING_LINE_2 + " If you feel unsafe, call 911 or 1-800-799-7233.")
    assert lint_project(project) == [
        f"{SESSION}:44:{column(project, SESSION, 44, number)}: [phone-link] {number} is not a "
        f"tap-to-call link; write it as a link, e.g. `[{number}]({href})`; in a title, a "
        "purpose or the glossary, which show no links, reword it to need no number; in a "
        "crisis line's `when`, name only numbers the crisis lines list as contacts"
        for number, href in [("911", "tel:911"), ("1-800-799-7233", "tel:18007997233")]]


def test_the_same_text_as_links_lints_clean_and_builds_links(project):
    edit(project, SESSION, READING_LINE_2, READING_LINE_2 + " If you feel unsafe, call "
         "[911](tel:911) or [1-800-799-7233](tel:18007997233).")
    edit(project, SESSION, 'practice:\n    - "Breathe slowly',
         'practice:\n    - "[Send a text to 88788](sms:88788) if you need to. Breathe slowly')
    assert lint_project(project) == []
    page = render_audience(project, "client")[0].pages["coping-basics/breathing.md"]
    assert "[911](tel:911)" in page and '<a href="sms:88788">' in page  # practice: HTML


def test_years_minutes_and_ages_in_client_text_do_not_fire(project):
    edit(project, SESSION, READING_LINE_2, READING_LINE_2 + " Since 2023 you can buy naloxone. "
         "Practice for 15 minutes. Most people here are 21 or older. About 9,500 adults took part.")
    assert lint_project(project) == []


def test_facilitator_text_may_keep_plain_numbers(project):
    edit(project, SESSION, "FACILITATOR-NOTE stop if anyone feels dizzy.",
         "FACILITATOR-NOTE give 988 (call or text) and 911 for emergencies.")
    assert lint_project(project) == []


def test_text_that_cannot_hold_a_link_is_reworded(project):
    edit(project, SESSION, "Learn a slow way to breathe that calms you down.",
         "Learn to breathe slowly, and when to call 911.")
    [problem] = lint_project(project)
    assert problem.startswith(f"{SESSION}:40:{column(project, SESSION, 40, '911')}: "
                              "[phone-link] 911 is not a tap-to-call link, and this text "
                              "cannot hold a link;")


def test_worksheet_fields_are_plain_text_and_not_checked_but_instructions_are(project):
    """A label, help or option shows no links, and a number there is often what the client
    learns or checks off ("911 for danger"): the rule leaves them to the writer."""
    edit(project, WORKSHEET, '"Counting", "Closing my eyes"', '"Counting", "911 for danger"')
    edit(project, WORKSHEET, 'label: "Stress before"', 'label: "Stress before", help: "Or call 988"')
    assert lint_project(project) == []
    edit(project, WORKSHEET, "how you felt.", "how you felt. In a crisis, call 988.")
    [problem] = lint_project(project)
    assert problem.startswith(f"{WORKSHEET}:3:") and "[phone-link] 988 " in problem


def test_a_crisis_lines_when_may_name_numbers_the_crisis_lines_dial_but_no_other(project):
    """`when` is also a contact card's note (no links); the crisis lines' numbers are links
    in the crisis bar on every page."""
    edit(project, PROGRAM, "Free and open all day, every day.",
         "Free and open all day, every day. In Spanish, call 988 and press 2.")
    edit(project, PROGRAM, "in English and Spanish.", "in English and Spanish. Or call 911.")
    assert lint_project(project) == []
    edit(project, PROGRAM, "In Spanish, call 988 and press 2.",
         "In Spanish, call 988 and press 2. Veterans can text 838255.")
    [problem] = lint_project(project)
    line = next(n for n, text in enumerate((project / PROGRAM).read_text().splitlines(), 1)
                if "838255" in text)
    assert problem.startswith(f"{PROGRAM}:{line}:{column(project, PROGRAM, line, '838255')}: "
                              "[phone-link] 838255 is not a number the crisis lines list as a "
                              "contact")


def test_an_allow_comment_on_the_block_silences_phone_link(project):
    edit(project, SESSION, READING_LINE_2, READING_LINE_2 + " Call 911.")
    edit(project, SESSION, "  reading: |",
         "  # iopkit-lint: allow phone-link -- testing the allow comment\n  reading: |")
    assert lint_project(project) == []


def test_the_rule_runs_from_the_command_line_and_fails_the_check(project):
    edit(project, SESSION, READING_LINE_2, READING_LINE_2 + " Call 911.")
    result = run_iopkit(project, "lint")
    assert result.returncode == 1
    assert f"{SESSION}:44:" in result.stderr and "[phone-link] 911" in result.stderr


def test_a_quick_exit_address_must_be_a_web_address(project):
    edit(project, PROGRAM, 'time_zone: "America/New_York"',
         'time_zone: "America/New_York"\nquick_exit_url: "javascript:alert(1)"')
    result = run_iopkit(project, "validate")
    assert result.returncode == 1 and f"{PROGRAM}:" in result.stderr
    assert "quick_exit_url" in result.stderr
