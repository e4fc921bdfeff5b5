"""The `iopkit` command. Like `mkdocs`, it works on the project in the current directory.

Content errors are printed as `path:line:col: message` and exit with status 1; a
traceback is never an answer to an editor.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

from . import dated_schedule, export, report, sites
from .problems import ContentError, format_problems
from .validate import check_curriculum, load_curriculum


def cmd_validate(args: argparse.Namespace) -> int:
    _, problems = check_curriculum(args.root)
    errors = [p for p in problems if p.severity == "error"]
    if problems:
        print(format_problems(problems), file=sys.stderr if errors else sys.stdout)
    else:
        print("curriculum is valid: 0 errors, 0 warnings")
    return 1 if errors else 0


def cmd_export(args: argparse.Namespace) -> int:
    data = export.curriculum_as_json(args.root)
    json.dump(data, sys.stdout, indent=2, ensure_ascii=False)
    print()
    return 0


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date written YYYY-MM-DD") from None


def cmd_schedule(args: argparse.Namespace) -> int:
    curriculum, _ = load_curriculum(args.root)
    tracks = {t.track.id: t.track for t in curriculum.tracks}
    if args.track not in tracks:
        print(f"no track has id '{args.track}'; tracks: {', '.join(tracks) or 'none'} "
              "(curriculum/tracks/)", file=sys.stderr)
        return 1
    track = tracks[args.track]
    weeks = args.weeks or len(track.weeks)
    skip = set(curriculum.program.holidays) | set(args.skip or [])
    blocks = dated_schedule.dated_blocks(curriculum, track, args.start, weeks, skip)
    if args.format == "ics":
        sys.stdout.buffer.write(dated_schedule.as_ics(curriculum, track, blocks))
    elif args.format == "csv":
        sys.stdout.write(dated_schedule.as_csv(blocks))
    else:
        sys.stdout.write(dated_schedule.as_markdown(track, blocks))
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    print(report.content_report(args.root))
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    return sites.build_sites(args.root, audiences=args.site)


def cmd_serve(args: argparse.Namespace) -> int:
    return sites.serve(args.root, args.site, args.dev_addr)


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="iopkit", description=__doc__.splitlines()[0])
    top.add_argument("--root", type=Path, default=Path.cwd(),
                     help="project folder (default: the current directory)")
    commands = top.add_subparsers(dest="command", required=True)

    commands.add_parser("validate", help="check every curriculum file; exit 1 on errors")

    build = commands.add_parser("build", help="build both sites (concurrently) with --strict")
    build.add_argument("--site", choices=sites.SITES, action="append",
                       help="build only this site (repeatable); default: both")

    serve = commands.add_parser("serve", help="preview one site with live reload")
    serve.add_argument("--site", choices=sites.SITES, default="facilitator")
    serve.add_argument("--dev-addr", default="127.0.0.1:8000")

    exp = commands.add_parser("export", help="print the validated curriculum")
    exp.add_argument("--format", choices=["json"], default="json")
    commands.add_parser("report", help="reading grade and wording of each session's client text")

    sched = commands.add_parser("schedule", help="a track's dated plan (md, csv or ics)")
    sched.add_argument("--track", required=True, help="track id (curriculum/tracks/<id>.yml)")
    sched.add_argument("--start", required=True, type=_date, help="first day, YYYY-MM-DD")
    sched.add_argument("--weeks", type=int, help="how many weeks (default: one cycle)")
    sched.add_argument("--skip", type=_date, nargs="*", metavar="DATE",
                       help="more dates with no group, besides program.yml's holidays")
    sched.add_argument("--format", choices=["md", "csv", "ics"], default="md")
    return top


COMMANDS = {"validate": cmd_validate, "build": cmd_build, "serve": cmd_serve,
            "export": cmd_export, "report": cmd_report, "schedule": cmd_schedule}


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    args.root = args.root.resolve()
    try:
        return COMMANDS[args.command](args)
    except ContentError as err:
        print(err, file=sys.stderr)
        return 1
    except BrokenPipeError:  # output piped into `head` and cut short: not an error
        return 0


if __name__ == "__main__":
    sys.exit(main())
