"""`iopkit new module|session|worksheet|track`: starting files that validate and whose TODOs
lint reports.

The files carry the schema line for editors' YAML extensions and a TODO wherever an
editor must write something, so `iopkit lint` lists what is left to do.
"""

from __future__ import annotations

import itertools
import math
import re
from pathlib import Path
from typing import cast

from ..content.load import MODULES_DIR, PROGRAM_FILE, SESSION_FILE, TRACKS_DIR, load_model
from ..content.model import (
    WEEKDAYS,
    Block,
    BlockKind,
    ClientSession,
    Curriculum,
    HoursPerWeek,
    Program,
    TrackDay,
    TrackWeek,
    Weekday,
)
from ..content.problems import ContentError, did_you_mean
from ..content.track_time import UNCOUNTED_KINDS, to_clock
from ..content.validate import load_curriculum
from .schema import schema_line


class ScaffoldError(Exception):
    """Something the editor asked for cannot be made; the message says why and what to do."""


def slug(title: str) -> str:
    text = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")
    return text[:60].rstrip("-")


def _refuse_existing(path: Path, root: Path) -> None:
    if path.exists():
        raise ScaffoldError(f"{path.relative_to(root).as_posix()} already exists; choose "
                            "another id or title")


def _write_new(path: Path, root: Path, kind: str, body: str) -> Path:
    _refuse_existing(path, root)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(schema_line(kind, path, root) + "\n" + body, encoding="utf-8")
    return path


def _program(root: Path) -> Program:
    if not (root / PROGRAM_FILE).is_file():
        raise ScaffoldError(f"{PROGRAM_FILE} is missing; run iopkit in the program's folder "
                            "(iopkit init makes one)")
    program, problems = load_model(root / PROGRAM_FILE, root, Program)
    if program is None:
        raise ScaffoldError(f"{PROGRAM_FILE} cannot be read ({len(problems)} problem(s)); run "
                            "iopkit validate and fix it first")
    return program.obj


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _check_id(given: str) -> None:
    if slug(given) != given:
        raise ScaffoldError(f"'{given}' is not a valid id; use lowercase words joined by "
                            f"hyphens, e.g. '{slug(given) or 'coping-skills'}'")


def _id_from_title(title: str) -> str:
    made = slug(title)
    if not made:
        raise ScaffoldError("the title needs at least one letter or digit to make an id from")
    return made


def _module_folder(root: Path, module_id: str) -> Path:
    folder = root / MODULES_DIR / module_id
    if not (folder / "module.yml").is_file():
        raise ScaffoldError(f"no module '{module_id}' (modules/{module_id}/module.yml); create "
                            f"it first with: iopkit new module {module_id} --focus-area ... "
                            "--title ...")
    return folder


# --- modules and sessions ----------------------------------------------------------------

def new_module(root: Path, module_id: str, focus_area: str, title: str, today: str) -> Path:
    _check_id(module_id)
    areas = [area.id for area in _program(root).focus_areas]
    if focus_area not in areas:
        raise ScaffoldError(f"focus area '{focus_area}' is not one of the program's: "
                            f"{', '.join(areas)}{did_you_mean(focus_area, areas)} (add new ones "
                            f"to focus_areas in {PROGRAM_FILE})")
    body = f"""id: {module_id}
title: {_quoted(title)}
focus_area: {focus_area}
summary: "TODO: two or three sentences for facilitators: what this module covers and why."
client_summary: "TODO: one or two plain sentences for clients (grade 6)."
goals:
  - "TODO: what participants will be able to do after this module."
# TODO: add at least one reference: authors, year, title, published_in (and url if any).
references: []
last_reviewed: {today}
"""
    return _write_new(root / MODULES_DIR / module_id / "module.yml", root, "module", body)


def _agenda(minutes: int) -> list[tuple[str, int, str]]:
    """No check-in segment: tracks (and `iopkit new track`) give a check-in block before
    sessions, where the session's check_in question is asked."""
    rest = minutes - 10
    teach, discussion = round(rest * 0.3), round(rest * 0.3)
    return [("TODO: teaching topic", teach, "teach"),
            ("Discussion", discussion, "discussion"),
            ("TODO: activity", rest - teach - discussion, "activity"),
            ("Check-out", 10, "check-out")]


def new_session(root: Path, module_id: str, title: str, minutes: int) -> Path:
    folder = _module_folder(root, module_id)
    if not 30 <= minutes <= 240:
        raise ScaffoldError(f"--minutes {minutes}: a session lasts 30 to 240 minutes")
    session_id = _id_from_title(title)
    taken = [f for f in (root / MODULES_DIR).glob("*/*.yml")
             if (m := SESSION_FILE.match(f.name)) and m["id"] == session_id]
    if taken:  # session ids are unique across modules: a second one would not validate
        raise ScaffoldError(f"session id '{session_id}' is already used by "
                            f"{taken[0].relative_to(root).as_posix()}; choose another title")
    numbers = [int(m["order"]) for f in folder.iterdir() if (m := SESSION_FILE.match(f.name))]
    number = max(numbers, default=0) + 1
    agenda = "\n".join(f"  - {{ title: {_quoted(t)}, minutes: {m}, kind: {k} }}"
                       for t, m, k in _agenda(minutes))
    body = f"""id: {session_id}
title: {_quoted(title)}
minutes: {minutes}
objectives:
  - "TODO: participants will be able to ..."
materials:
  - "TODO: what to bring or print"
agenda:
{agenda}
worksheets: []
facilitator:
  check_in: "TODO: this topic's check-in question, asked in the track's check-in block."
  talking_points:
    - title: "TODO: point"
      say:
        - "TODO: a short line to say, in spoken words"
      background: "TODO: the evidence and detail behind it, with sources."
  discussion:
    - question: "TODO: an open question"
      probes:
        - "TODO: a follow-up question"
  activity:
    title: "TODO: activity name"
    purpose: "TODO: what the activity is for."
    steps:
      - "TODO: first step"
      - "TODO: second step"
  notes:
    - kind: safety
      text: "TODO: what to watch for and what to do."
  adaptations:
    - title: "Telehealth"
      text: "TODO: how to run this session online."
  fidelity_checklist:
    - "TODO: what a supervisor would check happened."
  check_out: "TODO: the check-out question."
client:
  purpose: "TODO: one plain sentence: what this session is for."
  reading: |
    TODO: 250 to 500 words in plain language (grade 6), addressed to the reader as "you".
  key_points:
    - "TODO: a key point"
  practice:
    - "TODO: one thing to practise this week"
  takeaways:
    - "TODO: a takeaway"
"""
    return _write_new(folder / f"{number:02d}-{session_id}.yml", root, "session", body)


# --- worksheets --------------------------------------------------------------------------

def new_worksheet(root: Path, module_id: str, title: str) -> Path:
    folder = _module_folder(root, module_id)
    worksheet_id = _id_from_title(title)
    # Sessions name worksheets by id alone, so an id used in another module is taken too.
    taken = sorted((root / MODULES_DIR).glob(f"*/worksheets/{worksheet_id}.yml"))
    if taken:
        raise ScaffoldError(f"worksheet id '{worksheet_id}' is already used by "
                            f"{taken[0].relative_to(root).as_posix()}; worksheet ids are unique "
                            "across modules, so choose another title")
    body = f"""id: {worksheet_id}
title: {_quoted(title)}
instructions: "TODO: one to three plain sentences (grade 6): what to fill in, and when."
# A field's id names the answer saved on the reader's device: rename it to say what it
# holds (e.g. urge-at-start) before the workbook is published, and keep it after.
# Field types: text, scale (0 to 10), checklist (give options:), table (give columns:).
fields:
  - id: answer
    type: text
    label: "TODO: a question the reader answers in their own words"
    lines: 3
  - id: rating
    type: scale
    label: "TODO: what the reader rates from 0 to 10"
    low: "TODO: what 0 means"
    high: "TODO: what 10 means"
"""
    return _write_new(folder / "worksheets" / f"{worksheet_id}.yml", root, "worksheet", body)


# --- tracks ------------------------------------------------------------------------------

# A day of a new track, as the shipped tracks run theirs: a check-in, each session with a
# break after it, then a process group. Breaks take time but are not counted as hours.
CHECK_IN_MINUTES = 15
BREAK_MINUTES = 10
PROCESS_GROUP_MINUTES = 45
# Intensive outpatient days usually last three to four hours: two sessions with a check-in
# and a process group fill one, so a track short of hours needs another day, not a longer one.
MOST_SESSIONS_A_DAY = 2
MOST_WEEKS = 52  # the model's limit on a week's number


def _weekday(name: str) -> Weekday:
    """'monday' from 'mon', 'Mon', 'tues', 'monday': any start of a day's name of three
    letters or more, which no two days share."""
    word = name.strip().lower()
    for day in WEEKDAYS:
        if len(word) >= 3 and day.startswith(word):
            return cast(Weekday, day)
    short = [day[:3] for day in WEEKDAYS]
    raise ScaffoldError(f"--days: '{name}' is not a day ({', '.join(short)})"
                        f"{did_you_mean(word, short + list(WEEKDAYS))}")


def _clock_minutes(clock: str) -> int:
    match = re.fullmatch(r"([01]?[0-9]|2[0-3]):([0-5][0-9])", clock.strip())
    if not match:
        raise ScaffoldError(f"--start {clock}: write the time as HH:MM, 24-hour, e.g. 09:00 "
                            "or 18:00")
    return int(match[1]) * 60 + int(match[2])


def _valid_curriculum(root: Path) -> Curriculum:
    try:
        return load_curriculum(root)[0]
    except ContentError:
        raise ScaffoldError("the curriculum has errors, so no track can be laid out from it; "
                            "iopkit validate lists them") from None


def _sessions_round_robin(curriculum: Curriculum) -> list[ClientSession]:
    """Session 1 of every module, then session 2 of every module, and so on: each week then
    mixes the focus areas, as the shipped tracks do, and each module keeps its order."""
    by_module = [[entry.session for entry in m.sessions] for m in curriculum.modules]
    order = [s for turn in itertools.zip_longest(*by_module) for s in turn if s is not None]
    if not order:
        raise ScaffoldError("the curriculum has no sessions to schedule yet; add one with "
                            "iopkit new session MODULE \"Title\"")
    return order


def _day_blocks(day: str, start: int, sessions: list[ClientSession]) -> list[Block]:
    """One day from `start`: a check-in, each session with a break after it, a process group."""
    parts: list[tuple[BlockKind, int, str | None, str | None]] = [
        ("check-in", CHECK_IN_MINUTES, None, "Check-in")]
    for session in sessions:
        parts.append(("session", session.minutes, session.id, None))
        parts.append(("break", BREAK_MINUTES, None, None))
    parts.append(("process-group", PROCESS_GROUP_MINUTES, None, "Process group"))
    end = start + sum(minutes for _, minutes, _, _ in parts)
    if end > 24 * 60:
        raise ScaffoldError(f"--start {to_clock(start)}: {day}'s groups would run until "
                            f"{to_clock(end - 24 * 60)}, past midnight; start earlier")
    blocks = []
    for kind, minutes, session_id, title in parts:
        blocks.append(Block(start=to_clock(start), minutes=minutes, kind=kind,
                            session=session_id, title=title))
        start += minutes
    return blocks


def _plan(order: list[ClientSession], days: list[Weekday], start: int, per_day: int,
          weeks: int) -> list[TrackWeek]:
    """`per_day` sessions on each day, dealt from `order` in turn; the deal wraps around, so
    the last week is as full (and gives as many hours) as the others."""
    deal = itertools.cycle(order)
    return [TrackWeek(week=number, days=[
                TrackDay(day=day, blocks=_day_blocks(day, start, [next(deal) for _ in range(per_day)]))
                for day in days])
            for number in range(1, weeks + 1)]


def _hours(week: TrackWeek) -> float:
    """Hours of groups in a written-out week (the scaffold's days have no parallel groups)."""
    return sum(b.minutes for d in week.days for b in d.blocks
               if b.kind not in UNCOUNTED_KINDS) / 60


def _plan_in_hours(order: list[ClientSession], days: list[Weekday], start: int,
                   weeks: int | None, hours: HoursPerWeek) -> list[TrackWeek]:
    """The plan with the fewest sessions a day that gives every week the program's hours."""
    for per_day in range(1, MOST_SESSIONS_A_DAY + 1):
        cycle = weeks or min(math.ceil(len(order) / (len(days) * per_day)), MOST_WEEKS)
        plan = _plan(order, days, start, per_day, cycle)
        given = sorted({_hours(week) for week in plan})
        if given[0] >= hours.min:
            break
    # Here `plan` has enough hours, or is the fullest plan allowed and still falls short.
    if not hours.min <= given[0] <= given[-1] <= hours.max:
        figures = f"{given[0]:g}" if len(given) == 1 else f"{given[0]:g} to {given[-1]:g}"
        raise ScaffoldError(
            f"--days {','.join(day[:3] for day in days)}: the plan gives {figures} hours of "
            f"groups a week ({per_day} session(s) a day, breaks not counted) but the program "
            f"requires {hours.min:g} to {hours.max:g} (program.yml: hours_per_week); "
            + ("add a day" if given[0] < hours.min else "leave out a day"))
    per_week = len(days) * per_day
    if len(plan) * per_week < len(order):
        needed = math.ceil(len(order) / per_week)
        raise ScaffoldError(
            f"a {len(plan)}-week cycle of {per_week} sessions a week runs "
            f"{len(plan) * per_week} of the curriculum's {len(order)} sessions; "
            + (f"give --weeks {needed} or more, or leave it out" if needed <= MOST_WEEKS else
               f"add days (a cycle is at most {MOST_WEEKS} weeks)"))
    return plan


def _block_yaml(block: Block) -> str:
    keys = [f'start: "{block.start}"', f"minutes: {block.minutes}", f"kind: {block.kind}"]
    if block.session:
        keys.append(f"session: {block.session}")
    if block.title:
        keys.append(f"title: {_quoted(block.title)}")
    return "{ " + ", ".join(keys) + " }"


def _recurring_yaml(plan: list[TrackWeek], days: list[Weekday]) -> list[str] | None:
    """The plan as recurring blocks: one per place in the day, a session's place taking
    turns through the sessions dealt to it. None when days differ in shape (sessions of
    different lengths move the later blocks), which only written-out weeks can say."""
    shapes = {tuple((b.start, b.minutes, b.kind) for b in day.blocks)
              for week in plan for day in week.days}
    if len(shapes) != 1:
        return None
    on = "[" + ", ".join(day[:3] for day in days) + "]"
    lines = ["blocks:"]
    for place, block in enumerate(plan[0].days[0].blocks):
        if block.kind != "session":
            keys = _block_yaml(block)[2:-2]
            lines.append(f"  - {{ days: {on}, {keys} }}")
            continue
        # The sessions dealt to this place, in the order the rotation meets them.
        turns = [day.blocks[place].session or "" for week in plan for day in week.days]
        lines += [f"  - days: {on}", f'    start: "{block.start}"', f"    minutes: {block.minutes}",
                  "    kind: session", "    rotate:"]
        lines += [f"      - {session}" for session in turns]
    return lines


def _written_out_yaml(plan: list[TrackWeek]) -> list[str]:
    lines = ["weeks:"]
    for week in plan:
        lines += [f"  - week: {week.week}", "    days:"]
        for day in week.days:
            lines += [f"      - day: {day.day}", "        blocks:"]
            lines += [f"          - {_block_yaml(block)}" for block in day.blocks]
    return lines


def new_track(root: Path, track_id: str, days: list[str], start: str,
              weeks: int | None = None) -> Path:
    """A track on `days` from `start`, running every session of the curriculum once per
    cycle (some twice, when the sessions do not fill the last week)."""
    _check_id(track_id)
    path = root / TRACKS_DIR / f"{track_id}.yml"
    _refuse_existing(path, root)
    weekdays = sorted({_weekday(name) for name in days}, key=WEEKDAYS.index)
    start_minute = _clock_minutes(start)
    if weeks is not None and not 1 <= weeks <= MOST_WEEKS:
        raise ScaffoldError(f"--weeks {weeks}: a cycle lasts 1 to {MOST_WEEKS} weeks")
    curriculum = _valid_curriculum(root)
    plan = _plan_in_hours(_sessions_round_robin(curriculum), weekdays, start_minute, weeks,
                          curriculum.program.hours_per_week)
    lines = [
        "# A track: when groups meet. The weeks form one cycle that then repeats, so every",
        "# session must appear at least once. Times are 24-hour, in quotes. Block kinds:",
        "# session, process-group, check-in, break, other (give a title).",
        f"id: {track_id}",
        'title: "TODO: the track\'s name, e.g. Evening track"',
        'description: "TODO: who this track is for, its days and hours, and what a day holds."',
        "what_to_bring:",
        '  - "TODO: what to bring, e.g. your workbook and a pen"',
        "admission: rolling",
        f"cycle_weeks: {len(plan)}",
    ]
    lines += _recurring_yaml(plan, weekdays) or _written_out_yaml(plan)
    return _write_new(path, root, "track", "\n".join(lines) + "\n")
