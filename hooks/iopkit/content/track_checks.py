"""Track checks: what makes a track a real IOP dose, each reported at the line it is about.

Two passes: the written track (week lists, rotations, phases, names of sessions), then, when
that is sound, the planned cycle (overlaps, session lengths, every session once, and the
weekly dose of every client's own weeks from each week they could be admitted in).
"""

from __future__ import annotations

from collections.abc import Callable

from .load import Loaded
from .model import (
    BlockBase,
    PlannedBlock,
    PlannedWeek,
    Program,
    Session,
    Track,
    TrackEntry,
    weekday,
)
from .problems import Problem, Severity, did_you_mean
from .track_plan import (
    admission_weeks,
    cycle_length,
    every_client_week,
    phase_weeks,
    plan_weeks,
    week_numbers,
)
from .track_time import block_end, to_minutes, week_hours

MAX_DOSE_FINDINGS = 3  # a dose problem repeats across admission weeks; say it a few times

Report = Callable[..., None]  # at(yaml path, message[, severity]): one problem in the track


def check_track(loaded: Loaded[Track], session_files: dict[str, Loaded[Session]],
                modules: dict[str, list[str]],
                program: Program | None) -> tuple[TrackEntry | None, list[Problem]]:
    """The planned track and every problem in one track file, or in a session file it
    schedules in a way that does not fit (a check-in twice).

    `session_files` maps each session id to its file, `modules` each module id to its
    session ids in order. The plan is None when the written track cannot be planned."""
    track = loaded.obj
    sessions = {sid: f.obj.minutes for sid, f in session_files.items()}
    problems: list[Problem] = []

    def at(path: tuple, message: str, severity: Severity = "error") -> None:
        problems.append(loaded.doc.problem(path, message, severity))

    _check_written(track, loaded.doc.path, sessions, modules, at)
    if any(p.severity == "error" for p in problems):
        return None, problems
    entry = TrackEntry(track=track, source=loaded.doc.path, weeks=plan_weeks(track, modules))
    _check_planned(entry, sessions, at)
    problems += _check_doubled_segments(entry, session_files)
    if program is not None:
        paths = every_client_week(entry)  # both checks walk every client path: once
        _check_dose(entry, paths, program, at)
        _check_phases(entry, paths, at)
    return entry, problems


def _check_written(track: Track, path: str, sessions: dict[str, int],
                   modules: dict[str, list[str]], at: Report) -> None:
    file_id = path.rsplit("/", 1)[-1][:-4]
    if track.id != file_id:
        at(("id",), f"track id '{track.id}' differs from the file name '{file_id}.yml'; "
                    "rename one so they match")
    if not track.blocks and not track.weeks:
        at((), "a track needs `blocks` (blocks that repeat) or `weeks` (weeks written out)")
        return
    if track.blocks and not track.cycle_weeks:
        at(("blocks",), "recurring blocks need the cycle's length: add `cycle_weeks: N` "
                        "(weeks before the cycle starts again)")
        return
    length = cycle_length(track)
    client_length = track.client_weeks or length
    phase_ids = [p.id for p in track.phases]
    for i, phase in enumerate(track.phases):
        if phase.id in phase_ids[:i]:
            at(("phases", i, "id"), f"two phases have id '{phase.id}'; give each its own")
        try:
            week_numbers(phase.weeks, client_length)
        except ValueError as err:
            at(("phases", i, "weeks"), f"{err}; a phase counts a client's own weeks, 1 to "
                                       f"{client_length} (client_weeks)")
    names = sorted(sessions) + sorted(modules)
    for w, entry in enumerate(track.weeks):
        try:
            week_numbers(entry.week, length)
        except ValueError as err:
            at(("weeks", w, "week"), f"{err}; the cycle has {length} weeks (cycle_weeks)")
        seen: set[str] = set()
        for d, day in enumerate(entry.days):
            if weekday(day.day) in seen:
                at(("weeks", w, "days", d, "day"),
                   f"{weekday(day.day)} is listed twice here; put all of that day's blocks "
                   "under one entry")
            seen.add(weekday(day.day))
            for b, block in enumerate(day.blocks):
                _check_block(block, ("weeks", w, "days", d, "blocks", b), [], sessions,
                             phase_ids, at)
    for r, rule in enumerate(track.blocks):
        here = ("blocks", r)
        try:
            week_numbers(rule.weeks, length)
        except ValueError as err:
            at(here + ("weeks",), f"{err}; the cycle has {length} weeks (cycle_weeks)")
        for n, item in enumerate(rule.rotate):
            if item not in sessions and item not in modules:
                at(here + ("rotate", n), f"no session or module has id '{item}'"
                                         f"{did_you_mean(item, names)}")
        rotated = [s for item in rule.rotate for s in modules.get(item, [item]) if s in sessions]
        _check_block(rule, here, rotated, sessions, phase_ids, at)


def _check_block(block: BlockBase, here: tuple, rotated: list[str], sessions: dict[str, int],
                 phase_ids: list[str], at: Report) -> None:
    named = getattr(block, "rotate", [])
    if block.kind == "session":
        if not block.session and not named:
            at(here, "a block of kind 'session' needs 'session: <session id>' or "
                     "'rotate: [<module or session ids>]'")
        elif block.session and named:
            at(here + ("rotate",), "give either 'session' (always the same one) or 'rotate' "
                                   "(taking turns), not both")
        elif block.session and block.session not in sessions:
            at(here + ("session",), f"no session has id '{block.session}'"
                                    f"{did_you_mean(block.session, sorted(sessions))}")
        for session in [block.session] if block.session in sessions else rotated:
            if sessions[session] != block.minutes:
                at(here + ("minutes",),
                   f"block is {block.minutes} minutes but session '{session}' is "
                   f"{sessions[session]}; make them equal")
                break
    elif block.session or named:
        at(here + ("session" if block.session else "rotate",),
           "only blocks of kind 'session' name sessions; set kind: session or remove it")
    if block.kind == "other" and not block.title:
        at(here, "a block of kind 'other' needs a title saying what it is")
    if to_minutes(block.start) + block.minutes > 24 * 60:
        at(here + ("minutes",), "this block runs past midnight")
    for n, phase in enumerate(block.phases):
        if phase not in phase_ids:
            at(here + ("phases", n), f"the track has no phase '{phase}'"
                                     f"{did_you_mean(phase, phase_ids)}; phases: "
                                     f"{', '.join(phase_ids) or 'none (add phases:)'}")


def _check_planned(entry: TrackEntry, sessions: dict[str, int], at: Report) -> None:
    reported: set[tuple] = set()
    for week in entry.weeks:
        for day in week.days:
            for i, block in enumerate(day.blocks):
                for earlier in day.blocks[:i]:
                    clash = to_minutes(block.start) < to_minutes(block_end(earlier))
                    if not clash or block.group != earlier.group:
                        continue
                    if (earlier.origin, block.origin) in reported:
                        continue
                    reported.add((earlier.origin, block.origin))
                    what = earlier.title or earlier.session or earlier.kind
                    at(block.origin + ("start",),
                       f"week {week.week}, {day.day}: this block starts at {block.start} but "
                       f"'{what}' runs {earlier.start}–{block_end(earlier)}"
                       + (f" in the same group '{block.group}'" if block.group else "")
                       + "; blocks at the same time must name different groups (group: "
                         "newcomers / group: established), or change a start time")
    scheduled = {b.session for w in entry.weeks for d in w.days for b in d.blocks if b.session}
    if missing := [s for s in sorted(sessions) if s not in scheduled]:
        at(("blocks",) if entry.track.blocks else ("weeks",),
           f"{len(missing)} session(s) never run in this track's {entry.cycle_length}-week "
           f"cycle: {', '.join(missing)}; schedule each at least once so someone joining in "
           "any week meets it", "warning")


# A track block that gives what a session's agenda segment of the same kind would give.
TRACK_GIVES = {"check-in": "check-in", "break": "break"}


def _check_doubled_segments(entry: TrackEntry,
                            session_files: dict[str, Loaded[Session]]) -> list[Problem]:
    """A session whose agenda opens with a check-in right after the track's check-in block
    (or holds a break beside the track's break) gives the group the same thing twice."""
    problems: list[Problem] = []
    reported: set[tuple[str, str]] = set()
    for week in entry.weeks:
        for day in week.days:
            for i, block in enumerate(day.blocks):
                if not block.session or block.session not in session_files:
                    continue
                loaded = session_files[block.session]
                around = [b for b in day.blocks[:i] if block_end(b) == block.start
                          and b.group == block.group]
                around += [b for b in day.blocks[i + 1:] if b.start == block_end(block)
                           and b.group == block.group]
                for neighbour in around:
                    kind = TRACK_GIVES.get(neighbour.kind)
                    segments = [n for n, seg in enumerate(loaded.obj.agenda) if seg.kind == kind]
                    if not kind or not segments or (block.session, kind) in reported:
                        continue
                    reported.add((block.session, kind))
                    n = segments[0]
                    problems.append(loaded.doc.problem(
                        ("agenda", n, "kind"),
                        f"agenda[{n + 1}] is a {kind}, but in {entry.title} ({day.day.capitalize()}, "
                        f"week {week.week}) the track's {kind} block ({neighbour.start}–"
                        f"{block_end(neighbour)}) comes right "
                        f"{'before' if neighbour.start < block.start else 'after'} this "
                        f"session, so the group would have two; remove this segment and give "
                        f"its minutes to another"
                        + (" (the check_in question is asked in the track's block)"
                           if kind == "check-in" else "")))
    return problems


def _check_dose(entry: TrackEntry, paths: dict[tuple[int, int], PlannedWeek], program: Program,
                at: Report) -> None:
    """Every client's every week, from every week they could be admitted in."""
    low, high = program.hours_per_week.min, program.hours_per_week.max
    findings: dict[str, tuple[tuple, str]] = {}
    for (admitted, own), week in paths.items():
        hours = week_hours(week)
        if low <= hours <= high:
            continue
        if entry.track.phases:
            key = f"{own}:{week.week}"
            message = (f"a client admitted in cycle week {admitted} gets {hours:g} hours "
                       f"of groups in their week {own} (cycle week {week.week})")
        else:
            key = str(week.week)
            message = f"week {week.week} gives {hours:g} hours of groups"
        findings.setdefault(key, (_week_origin(entry, week.week), message))
    for origin, message in list(findings.values())[:MAX_DOSE_FINDINGS]:
        more = len(findings) - MAX_DOSE_FINDINGS
        at(origin, f"{message} (breaks not counted; groups at the same time count once); "
                   f"the program's range is {low:g} to {high:g} hours a week (program.yml: "
                   "hours_per_week)" + (f"; {more} more week(s) like this" if more > 0 else ""))


def _week_origin(entry: TrackEntry, number: int) -> tuple:
    """Where a cycle week is written: its own entry under weeks, else the recurring blocks."""
    for w, written in enumerate(entry.track.weeks):
        if number in week_numbers(written.week, entry.cycle_length):
            return ("weeks", w)
    return ("blocks",) if entry.track.blocks else ("weeks",)


def _check_phases(entry: TrackEntry, paths: dict[tuple[int, int], PlannedWeek],
                  at: Report) -> None:
    """A client admitted in any week meets each group of their phases in every week of them:
    a phase's block that skips some weeks of the cycle leaves some clients without it."""
    weeks = phase_weeks(entry)
    origins: dict[tuple, PlannedBlock] = {}
    for week in entry.weeks:
        for day in week.days:
            for block in day.blocks:
                if block.phases:
                    origins.setdefault(block.origin, block)
    for origin, block in origins.items():
        due = sorted({w for phase in block.phases for w in weeks[phase]})
        gap = next(((admitted, own, paths[admitted, own].week)
                    for admitted in admission_weeks(entry) for own in due
                    if not any(b.origin == origin for d in paths[admitted, own].days
                               for b in d.blocks)), None)
        if gap:
            admitted, own, cycle = gap
            what = block.title or block.kind.replace("-", " ")
            at(origin, f"a client admitted in cycle week {admitted} misses this block "
                       f"({what}, for phase {', '.join(block.phases)}) in their week {own} "
                       f"(cycle week {cycle}); with rolling admission a phase's block must run "
                       "in every week of the cycle: drop its `weeks:`")
