"""Session plans as facilitators lead from them: say lines with folded background, core and
optional questions, the agenda in each track's clock time, links from each agenda item to its
part of the plan, card sheets, the safety page, and timings that agree with the tracks."""

from __future__ import annotations

import re

from helpers import FIXTURES, edit, run_iopkit
from iopkit.content.validate import load_curriculum
from iopkit.site.audience import select_audience
from iopkit.site.render import render_site

PROGRAM = FIXTURES / "program"
CURRICULUM, _ = load_curriculum(PROGRAM)
GUIDE = render_site(CURRICULUM, "facilitator").pages
WORKBOOK = render_site(select_audience(CURRICULUM, "client"), "client").pages
PLAN = GUIDE["calm-skills/noticing-stress.md"]
SESSION = "modules/calm-skills/01-noticing-stress.yml"


def test_talking_points_lead_with_say_lines_and_fold_the_background():
    point = PLAN[PLAN.index("### Stress shows up in the body first"):]
    say = point[:point.index("??? iop-background")]
    assert '<div class="iop-say" markdown>' in say
    assert "- Tight shoulders, a fast heart and shallow breath often come before a strong urge." \
        in say
    assert '??? iop-background "Background"\n    Tight shoulders' in point  # folded: ???


def test_optional_questions_are_marked_and_core_ones_lead(project_program):
    fixture = project_program
    edit(fixture, SESSION, '      probes: ["What happens next if you do not notice it?"]',
         '      probes: ["What happens next if you do not notice it?"]\n      priority: optional')
    curriculum, _ = load_curriculum(fixture)
    plan = render_site(curriculum, "facilitator").pages["calm-skills/noticing-stress.md"]
    assert "Ask the core questions in every group; the optional ones if time allows." in plan
    assert '**Where in your body do you feel stress first?** <small class="iop-optional">' \
           "(optional)</small>" in plan
    assert "Ask the core questions" not in PLAN  # all core: nothing to explain


def agenda_rows(plan: str) -> list[list[str]]:
    table = plan[plan.index("## Agenda"):plan.index("## Check-in")]
    return [[cell.strip() for cell in line.strip("|").split("|")]
            for line in table.splitlines() if line.startswith("| ") and "---" not in line]


def test_agenda_runs_on_each_tracks_clock_matching_the_track_page():
    rows = agenda_rows(PLAN)
    assert rows[0][:3] == ["Clock", "Daytime track", "Evening track"]
    assert rows[1][:3] == ["0:00", "09:15", "17:45"]
    assert rows[-1][:3] == ["1:30", "10:45", "19:15"]
    # the track pages list the same block
    assert "| Monday | 09:00–09:15 | Morning check-in |\n|  | 09:15–10:45 | [Noticing stress]" \
        in GUIDE["tracks/daytime.md"]
    assert "|  | 17:45–19:15 | [Noticing stress]" in GUIDE["tracks/evening.md"]


def test_every_agenda_item_links_to_its_part_of_the_plan():
    anchors = set(re.findall(r"\{ #([a-z-]+) \}", PLAN))
    links = re.findall(r"\]\(#([a-z-]+)\)", PLAN[PLAN.index("## Agenda"):PLAN.index("## Check-in")])
    assert len(links) == len(CURRICULUM.modules[0].sessions[0].session.agenda)
    assert set(links) <= anchors
    assert "## Worksheet and practice { #worksheet-and-practice }" in PLAN


def test_a_session_check_in_that_doubles_the_tracks_is_refused_at_its_line(project_program):
    edit(project_program, SESSION, '  - { title: "Today\'s question", minutes: 10, kind: discussion }',
         '  - { title: "Check-in", minutes: 10, kind: check-in }')
    result = run_iopkit(project_program, "validate")
    assert result.returncode == 1
    line = (project_program / SESSION).read_text().splitlines().index(
        '  - { title: "Check-in", minutes: 10, kind: check-in }') + 1
    assert (f"{SESSION}:{line}:45: agenda[1] is a check-in, but in Daytime track (Monday, week "
            "1) the track's check-in block (09:00–09:15) comes right before this session, so "
            "the group would have two; remove this segment and give its minutes to another"
            ) in result.stderr


def test_a_session_break_beside_the_tracks_break_is_refused(project_program):
    edit(project_program, SESSION, '  - { title: "Today\'s question", minutes: 10, kind: discussion }',
         '  - { title: "Stretch", minutes: 10, kind: break }')
    result = run_iopkit(project_program, "validate")
    assert result.returncode == 1
    assert "agenda[1] is a break, but in Daytime track (Monday, week 1) the track's break " \
           "block (10:45–11:00) comes right after this session" in result.stderr


def test_card_sets_print_as_a_sheet_linked_from_the_plan(project_program):
    edit(project_program, SESSION, '  check_out: ', '  cards:\n'
         '    - title: "Scenario cards"\n'
         '      instructions: "Each pair draws one card."\n'
         '      cards: ["FACILITATOR-CARD-ONE A friend offers a drink.", "A coworker asks why."]\n'
         '  check_out: ')
    curriculum, _ = load_curriculum(project_program)
    guide = render_site(curriculum, "facilitator")
    plan = guide.pages["calm-skills/noticing-stress.md"]
    assert "**Cards to print:** [Scenario cards](noticing-stress-cards.md)" in plan
    sheet = guide.pages["calm-skills/noticing-stress-cards.md"]
    assert sheet.startswith("# Cards to print: Noticing stress")
    assert sheet.count('<div class="iop-card">') == 2 and "Each pair draws one card." in sheet
    assert {"1. Cards to print": "calm-skills/noticing-stress-cards.md"} in \
        guide.nav[[i for i, item in enumerate(guide.nav) if "Calm skills" in item][0]]["Calm skills"]
    client = render_site(select_audience(curriculum, "client"), "client").pages
    assert not any("FACILITATOR-CARD" in page for page in client.values())


def test_safety_protocols_are_one_page_linked_from_every_safety_note(project_program):
    with (project_program / "curriculum/program.yml").open("a") as program:
        program.write(
            "safety_protocols:\n"
            "  - id: used-today\n"
            '    title: "Someone has used today"\n'
            '    when: "A member arrives and seems to have used."\n'
            '    say: ["Thanks for coming. Let us talk for a minute, just us."]\n'
            '    steps: ["Speak privately.", "Check for signs of overdose."]\n')
    curriculum, _ = load_curriculum(project_program)
    guide = render_site(curriculum, "facilitator").pages
    page = guide["safety-in-group.md"]
    assert "## Someone has used today { #used-today }" in page
    assert "1. Speak privately.\n2. Check for signs of overdose." in page
    plan = guide["calm-skills/noticing-stress.md"]
    assert "What to do, step by step: [Disclosures and safety in group](../safety-in-group.md)" \
        in plan
    # a program without protocols gets the page, saying so, for hand-written pages link to it
    assert "This program has not written its protocols here yet" in GUIDE["safety-in-group.md"]
    assert "This program has not written" not in page


def test_your_first_group_page_comes_from_the_tracks_and_local_facts():
    page = WORKBOOK["first-group.md"]
    assert page.startswith("# Your first group")
    assert "- Monday, 9:00 a.m. to 1:00 p.m." in page and "- Thursday, 5:30 p.m. to 9:00 p.m." \
        in page
    assert "You can start in any week." in page
    assert "[Get help now](get-help.md)" in page
