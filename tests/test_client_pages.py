"""Pages every client can act on: the home page says how to use the workbook, Get help puts
an overdose and 911 first and saves its numbers to a phone, the program's glossary explains
terms where clients meet them, and the facts only a program can give show where they belong
(lint warns while they are missing). On the fixture program."""

from __future__ import annotations

import json
import re

import vobject
from bs4 import BeautifulSoup

from helpers import edit, run_iopkit

PROGRAM = "curriculum/program.yml"
SESSION = "modules/coping-basics/01-breathing.yml"
GLOSSARY = '''
  - term: "naloxone"
    aliases: ["Narcan"]
    definition: "A medicine that can undo an opioid overdose."
'''


def built_page(project, path: str) -> BeautifulSoup:
    page = BeautifulSoup((project / "site" / "workbook" / path).read_text(), "html.parser")
    for permalink in page.select("a.headerlink"):  # the ¶ beside each heading
        permalink.decompose()
    return page


def build(project) -> None:
    result = run_iopkit(project, "build", "--site", "workbook")
    assert result.returncode == 0, result.stderr


def test_home_page_says_how_to_use_the_workbook_and_the_truth_about_answers(project):
    build(project)
    article = built_page(project, "index.html").select_one("article")
    steps = [li.select_one("strong").get_text(strip=True) for li in article.select("ol > li")]
    assert [step.rstrip(".") for step in steps] == [
        "Find your group's topic", "Read", "Fill in the worksheet", "Try the practice"]
    text = " ".join(article.get_text(" ").split())
    assert ("Staff cannot see them. Anyone who uses this phone and browser can. They are lost if "
            "the browser's data is cleared, on a new phone, and on an iPhone after a week without "
            "opening this workbook, unless it is on your Home Screen.") in text
    assert "Nobody else can see it" not in text


def test_get_help_puts_an_overdose_and_911_before_crisis_and_treatment_lines(project):
    build(project)
    headings = [h.get_text(strip=True) for h in built_page(project, "get-help.html").select("h2")]
    assert headings[:4] == ["If someone may have overdosed", "Emergency",
                            "Crisis lines: free, any time", "Finding treatment and support"]
    page = built_page(project, "get-help.html")
    order = [" ".join(h.get_text(" ").split()) for h in page.select("h3")]
    assert order == ["Open Path after hours", "988 Suicide & Crisis Lifeline",
                     "SAMHSA National Helpline", "Support group meetings near you"]


def test_save_these_numbers_gives_a_contact_card_phones_read(project):
    build(project)
    link = built_page(project, "get-help.html").find("a", string="Save these numbers to my phone")
    card_file = project / "site" / "workbook" / link["href"]
    cards = list(vobject.readComponents(card_file.read_text()))
    numbers = {card.fn.value: sorted(tel.value for tel in card.contents["tel"]) for card in cards}
    assert numbers == {"Emergency": ["911"], "Open Path after hours": ["5550100"],
                       "988 Suicide & Crisis Lifeline": ["988", "988"],
                       "SAMHSA National Helpline": ["18004874889", "18006624357"]}
    lifeline = next(card for card in cards if card.fn.value.startswith("988"))
    assert lifeline.note.value.startswith("If you are thinking about suicide, are in crisis,")


def test_glossary_terms_are_explained_on_the_page_that_uses_them(project):
    edit(project, PROGRAM, "glossary:\n", "glossary:\n" + GLOSSARY.lstrip("\n"))
    edit(project, SESSION, "Slow breathing helps it slow down.",
         "Slow breathing helps it slow down. In IOP we practice it. Naloxone is not for this.")
    build(project)
    page = built_page(project, "coping-basics/breathing.html")
    explained = {abbr.get_text(): abbr["title"] for abbr in page.select("article abbr")}
    assert explained == {"IOP": "Intensive outpatient program: group treatment a few times a week.",
                         "Naloxone": "A medicine that can undo an opioid overdose."}
    words = built_page(project, "glossary.html").select_one("article").get_text(" ")
    assert "IOP" in words and "also: Narcan" in " ".join(words.split())


def test_lint_flags_a_term_the_glossary_does_not_explain(project):
    edit(project, SESSION, "Slow breathing helps it slow down.",
         "Slow breathing helps it slow down. Ask about MAT in your IOP.")
    (project / "pyproject.toml").write_text('[tool.iopkit.lint]\nterms-to-explain = ["box breathing"]\n')
    edit(project, SESSION, "Breathe out slowly.", "Breathe out slowly. This is box breathing.")
    result = run_iopkit(project, "lint", "--format", "json")
    found = sorted((p["path"], p["message"].split(";")[0]) for p in json.loads(result.stdout))
    assert found == [(SESSION, "[unexplained-term] 'MAT' is not explained for clients"),
                     (SESSION, "[unexplained-term] 'box breathing' is not explained for clients")]
    edit(project, PROGRAM, "glossary:\n", '''glossary:
  - term: "MAT"
    definition: "Medication for addiction treatment."
  - term: "box breathing"
    definition: "Breathing in, holding, breathing out and holding, four counts each."
''')
    result = run_iopkit(project, "lint", "--format", "json")
    assert json.loads(result.stdout) == []


def test_local_facts_warn_while_unset_and_show_where_they_belong_once_set(project):
    text = (project / PROGRAM).read_text()
    (project / PROGRAM).write_text(text[:text.index("\nlocal_facts:")] + "\n")
    result = run_iopkit(project, "lint", "--format", "json")
    unset = [re.search(r"local_facts\.(\w+)", p["message"]).group(1)
             for p in json.loads(result.stdout) if "[local-facts]" in p["message"]]
    assert sorted(unset) == ["after_hours", "if_you_miss_group", "meeting_lists",
                             "naloxone_on_site", "reporting_rules", "where_groups_meet"]
    assert result.returncode == 0  # warnings: a draft program still builds
    (project / PROGRAM).write_text(text)  # the fixture's facts, as a program fills them in
    assert not [p for p in json.loads(run_iopkit(project, "lint", "--format", "json").stdout)
                if "[local-facts]" in p["message"]]
    assert run_iopkit(project, "build").returncode == 0
    help_page = " ".join(built_page(project, "get-help.html").get_text(" ").split())
    assert "At group: At the front desk and in each group room." in help_page
    assert "Ask at the front desk for this month's meeting list." in help_page
    crisis = [" ".join(h.get_text(" ").split())
              for h in built_page(project, "get-help.html").select("h3")]
    assert crisis.index("Open Path after hours") < crisis.index("988 Suicide & Crisis Lifeline")
    guide = (project / "site/facilitator/index.html").read_text()
    assert "Staff report suspected child abuse to the state hotline the same day." in guide


WORKSHEET = "modules/coping-basics/worksheets/breathing-log.yml"
DAYS_TABLE = '{ id: days, type: table, label: "This week", columns: ["Day", "Minutes"], rows: 2 }'


def test_a_table_of_days_labels_each_row_with_its_day(project):
    edit(project, WORKSHEET, DAYS_TABLE, '{ id: days, type: table, label: "This week", '
                                         'columns: ["Minutes"], row_labels: ["Monday", "Tuesday"] }')
    build(project)
    table = built_page(project, "coping-basics/breathing.html").select_one(
        '[data-field="days"] table')
    assert [th.get_text() for th in table.select('th[scope="row"]')] == ["Monday", "Tuesday"]
    assert [i["aria-label"] for i in table.select("input")] == ["Minutes, Monday",
                                                                "Minutes, Tuesday"]


def test_a_table_with_rows_and_row_labels_is_refused_with_the_fix(project):
    edit(project, WORKSHEET, DAYS_TABLE, '{ id: days, type: table, label: "This week", '
                                         'columns: ["Minutes"], rows: 3, row_labels: ["Monday"] }')
    result = run_iopkit(project, "validate")
    assert result.returncode == 1
    assert "fields[4]: give rows or row_labels, not both" in result.stderr
