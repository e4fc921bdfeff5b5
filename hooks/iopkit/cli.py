"""The `iopkit` command. Like `mkdocs`, it works on the project in the current directory.

Content errors are printed as `path:line:col: message` and exit with status 1; a
traceback is never an answer to an editor.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from . import export, report, sites
from .problems import ContentError, format_problems
from .validate import check_curriculum


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
    return top


COMMANDS = {"validate": cmd_validate, "build": cmd_build, "serve": cmd_serve,
            "export": cmd_export, "report": cmd_report}


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
