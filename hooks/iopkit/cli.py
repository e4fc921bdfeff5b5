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

from .problems import FORMATS, ContentError, errors_in, format_problems
from .sites import SITES

# Each command imports what only it needs (icalendar, textstat, ...) inside its function:
# `iopkit validate` runs on every save and in every pull request, and starts faster so.


def _print_problems(problems, output: str, clean: str) -> int:
    """Text goes to stderr when there are errors; github and json always to stdout."""
    errors = errors_in(problems)
    if output == "json" or (output == "github" and problems):
        print(format_problems(problems, output))  # type: ignore[arg-type]
    elif problems:
        print(format_problems(problems), file=sys.stderr if errors else sys.stdout)
    else:
        print(clean)
    return 1 if errors else 0


def cmd_validate(args: argparse.Namespace) -> int:
    from .validate import check_curriculum
    _, problems = check_curriculum(args.root)
    return _print_problems(problems, args.format, "curriculum is valid: 0 errors, 0 warnings")


def cmd_lint(args: argparse.Namespace) -> int:
    from . import lint
    try:
        config = lint.load_config(args.root)
    except ValueError as err:
        print(err, file=sys.stderr)
        return 1
    valid, problems = lint.lint(args.root, config)
    if not valid:  # lint reads valid content only
        print("Fix these errors first (iopkit validate), then lint again.", file=sys.stderr)
        return _print_problems(problems, args.format, "")
    return _print_problems(problems, args.format, "lint found nothing: 0 errors, 0 warnings")


def cmd_schema(args: argparse.Namespace) -> int:
    from . import schema
    for path in schema.write_schemas(args.root):
        print(f"wrote {path.relative_to(args.root).as_posix()}")
    return 0


def cmd_new(args: argparse.Namespace) -> int:
    from . import scaffold
    try:
        if args.kind == "module":
            path = scaffold.new_module(args.root, args.id, args.focus_area, args.title,
                                       dt.date.today().isoformat())
        else:
            path = scaffold.new_session(args.root, args.module, args.title, args.minutes)
    except scaffold.ScaffoldError as err:
        print(err, file=sys.stderr)
        return 1
    print(f"wrote {path.relative_to(args.root).as_posix()}; fill in each TODO "
          "(iopkit lint lists them)")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from . import export, export_markdown
    if args.format == "markdown":
        return export_markdown.export_command(args.root, args.dir, args.audience)
    if args.dir is not None or args.audience is not None:
        print("iopkit export: --format json prints to the screen and takes no DIR or --audience;"
              " to write site projects, add --format markdown", file=sys.stderr)
        return 1
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
    from . import dated_schedule
    from .validate import load_curriculum
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
    from . import report
    print(report.content_report(args.root))
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    from . import sites
    return sites.build_sites(args.root, audiences=args.site)


def cmd_serve(args: argparse.Namespace) -> int:
    from . import sites
    return sites.serve(args.root, args.site, args.dev_addr)


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="iopkit", description=__doc__.splitlines()[0])
    top.add_argument("--root", type=Path, default=Path.cwd(),
                     help="project folder (default: the current directory)")
    commands = top.add_subparsers(dest="command", required=True)

    validate = commands.add_parser("validate", help="check every curriculum file; exit 1 on errors")
    validate.add_argument("--format", choices=FORMATS, default="text",
                          help="github: annotations for pull requests; json: a list")

    lint_cmd = commands.add_parser("lint", help="reading grade, wording, placeholders, review "
                                                "dates, references, images, links")
    lint_cmd.add_argument("--format", choices=FORMATS, default="text")

    commands.add_parser("schema", help="write JSON Schemas for the YAML files into schemas/")

    new = commands.add_parser("new", help="start a new module or session from a template")
    kinds = new.add_subparsers(dest="kind", required=True)
    new_module = kinds.add_parser("module", help="iopkit new module ID --focus-area AREA --title TEXT")
    new_module.add_argument("id")
    new_module.add_argument("--focus-area", required=True,
                            help="relapse-prevention, underlying-causes, relationships, family, "
                                 "twelve-step or life-skills")
    new_module.add_argument("--title", required=True)
    new_session = kinds.add_parser("session", help='iopkit new session MODULE "Title" [--minutes 90]')
    new_session.add_argument("module")
    new_session.add_argument("title")
    new_session.add_argument("--minutes", type=int, default=90)

    build = commands.add_parser("build", help="build both sites (concurrently) with --strict")
    build.add_argument("--site", choices=SITES, action="append",
                       help="build only this site (repeatable); default: both")

    serve = commands.add_parser("serve", help="preview one site with live reload")
    serve.add_argument("--site", choices=SITES, default="facilitator")
    serve.add_argument("--dev-addr", default="127.0.0.1:8000")

    exp = commands.add_parser("export", help="print the validated curriculum (json), or write "
                              "each site as a MkDocs project that needs no hooks (markdown)")
    exp.add_argument("--format", choices=["json", "markdown"], default="json")
    exp.add_argument("dir", nargs="?", type=Path, metavar="DIR",
                     help="markdown: a new or empty folder to write the project(s) into")
    # Checked by the export, not by argparse `choices`: a wrong name is a one-line error, exit 1.
    exp.add_argument("--audience", metavar="facilitator|client",
                     help="markdown: export only this site, as DIR itself (default: both, "
                          "in DIR/facilitator/ and DIR/workbook/)")
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
            "export": cmd_export, "report": cmd_report, "schedule": cmd_schedule,
            "lint": cmd_lint, "schema": cmd_schema, "new": cmd_new}


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
