"""The `iopkit` command. Like `mkdocs`, it works on the project in the current directory.

Content errors are printed as `path:line:col: message` and exit with status 1; a
traceback is never an answer to an editor.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import os
import signal
import sys
from pathlib import Path
from urllib.parse import urlsplit

from .content.problems import FORMATS, ContentError, errors_in, format_problems
from .site.registry import AUDIENCES, SITE_NAMES, site_for

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
    from .content.validate import check_curriculum
    from .site.translations import language_problems
    curriculum, problems = check_curriculum(args.root)
    if curriculum is not None:  # a translation is checked against valid English
        problems += language_problems(args.root, curriculum)
    return _print_problems(problems, args.format, "curriculum is valid: 0 errors, 0 warnings")


def cmd_lint(args: argparse.Namespace) -> int:
    from .editing import lint
    try:
        config = lint.load_config(args.root)
    except ValueError as err:
        print(err, file=sys.stderr)
        return 1
    valid, problems = lint.lint(args.root, config, base=args.base)
    if not valid:  # lint reads valid content only
        print("Fix these errors first (iopkit validate), then lint again.", file=sys.stderr)
        return _print_problems(problems, args.format, "")
    return _print_problems(problems, args.format, "lint found nothing: 0 errors, 0 warnings")


def cmd_schema(args: argparse.Namespace) -> int:
    from .editing import schema
    for path in schema.write_schemas(args.root):
        print(f"wrote {path.relative_to(args.root).as_posix()}")
    return 0


def cmd_init(args: argparse.Namespace) -> int:
    from .editing.program_init import InitError, init_program
    try:
        written = init_program(args.dir.resolve(), sample=args.sample)
    except InitError as err:
        print(f"iopkit init: {err}", file=sys.stderr)
        return 1
    print(f"wrote a new program in {args.dir}/ ({len(written)} files). Next:")
    print(f"  cd {args.dir}")
    print("  iopkit validate && iopkit build     # check it, build both sites into site/")
    print("  then edit curriculum/program.yml first (README.md says what else)")
    return 0


def cmd_new(args: argparse.Namespace) -> int:
    from .editing import scaffold
    try:
        if args.kind == "module":
            path = scaffold.new_module(args.root, args.id, args.focus_area, args.title,
                                       dt.date.today().isoformat())
        elif args.kind == "session":
            path = scaffold.new_session(args.root, args.module, args.title, args.minutes)
        elif args.kind == "worksheet":
            path = scaffold.new_worksheet(args.root, args.module, args.title)
        else:
            path = scaffold.new_track(args.root, args.id, args.days.split(","), args.start,
                                      args.weeks)
    except scaffold.ScaffoldError as err:
        print(err, file=sys.stderr)
        return 1
    print(f"wrote {path.relative_to(args.root).as_posix()}; fill in each TODO "
          "(iopkit lint lists them)")
    if args.kind == "worksheet":  # until a session lists it, the workbook does not show it
        print(f"then add '{path.stem}' under worksheets: in a session of {args.module} "
              f"(modules/{args.module}/NN-<session>.yml)")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    if args.format == "markdown":
        return _export_markdown(args)
    if args.dir is not None or args.site is not None:
        print("iopkit export: --format json prints to the screen and takes no DIR or --site;"
              " to write site projects, add --format markdown", file=sys.stderr)
        return 1
    from .content.validate import load_curriculum
    from .export.curriculum_json import curriculum_as_json
    curriculum, _ = load_curriculum(args.root)
    json.dump(curriculum_as_json(curriculum), sys.stdout, indent=2, ensure_ascii=False)
    print()
    return 0


def _export_markdown(args: argparse.Namespace) -> int:
    """A line per project written, or one line on stderr saying why not."""
    from .export.markdown_projects import ExportError, export_projects
    if args.dir is None:
        print("iopkit export: --format markdown needs a folder to write into: "
              "iopkit export --format markdown DIR", file=sys.stderr)
        return 1
    try:
        written = export_projects(args.root, args.dir.resolve(), args.site)
    except ExportError as err:
        print(f"iopkit export: {err}", file=sys.stderr)
        return 1
    except OSError as err:  # e.g. a read-only place: the disk's answer, not a traceback
        print(f"iopkit export: cannot write {args.dir}: {err.strerror} ({err.filename}); "
              "choose a folder you can write to", file=sys.stderr)
        return 1
    for done in written:
        print(f"exported {done.pages} pages to {done.project}/; build it there with "
              "`mkdocs build`, `properdocs build` or `zensical build`")
        if done.builders and "zensical" not in done.builders:
            print(f"note: {done.project.name}'s Content-Security-Policy allows the inline "
                  "scripts of MkDocs with Material only; Zensical is not installed, so a "
                  "Zensical build would have its scripts refused. Install zensical and export "
                  "again to build with it.")
    return 0


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date written YYYY-MM-DD") from None


def cmd_schedule(args: argparse.Namespace) -> int:
    from .calendars import dated_schedule
    from .content.validate import load_curriculum
    curriculum, _ = load_curriculum(args.root)
    tracks = {t.id: t for t in curriculum.tracks}
    if args.track not in tracks:
        print(f"no track has id '{args.track}'; tracks: {', '.join(tracks) or 'none'} "
              "(curriculum/tracks/)", file=sys.stderr)
        return 1
    entry = tracks[args.track]
    skip = set(curriculum.program.holidays) | set(args.skip or [])
    if args.admitted:
        cycle_start = args.start or entry.track.cycle_start
        if cycle_start is None and entry.track.admission == "rolling":
            print(f"iopkit schedule: to place a client's weeks in the cycle, say when a cycle "
                  f"began: add `cycle_start: YYYY-MM-DD` (a date in week 1) to "
                  f"{entry.source}, or give --start with such a date", file=sys.stderr)
            return 1
        weeks = args.weeks or entry.client_length
        blocks = dated_schedule.client_blocks(curriculum, entry, args.admitted,
                                              cycle_start or args.admitted, weeks, skip)
        heading = f"{entry.title}: plan for a client admitted {args.admitted.isoformat()}"
    elif args.start:
        blocks = dated_schedule.dated_blocks(curriculum, entry, args.start,
                                             args.weeks or entry.cycle_length, skip)
        heading = f"{entry.title}: dated schedule"
    else:
        print("iopkit schedule: give --start DATE (the program's calendar from that week) or "
              "--admitted DATE (one client's plan from their admission)", file=sys.stderr)
        return 1
    if args.format == "ics":
        sys.stdout.buffer.write(dated_schedule.as_ics(curriculum, entry, blocks,
                                                      sessions_only=args.sessions_only))
    elif args.format == "csv":
        sys.stdout.write(dated_schedule.as_csv(blocks))
    else:
        sys.stdout.write(dated_schedule.as_markdown(heading, blocks))
    return 0


def cmd_i18n(args: argparse.Namespace) -> int:
    """extract: locale/workbook.pot from the curriculum; update: each language's PO file."""
    from .content.validate import load_curriculum
    from .site.client_strings import all_client_strings
    from .translation import catalogs
    curriculum, _ = load_curriculum(args.root)
    texts = all_client_strings(args.root, curriculum)
    template = catalogs.template_catalog(texts, curriculum.program.name)
    if args.action == "extract":
        path = catalogs.write_template(args.root, template)
        print(f"wrote {path.relative_to(args.root).as_posix()}: {len(template)} client-facing "
              "strings; `iopkit i18n update` merges them into each language's PO file")
        return 0
    known = {language.code for language in curriculum.program.languages}
    codes = args.lang or sorted(known)
    if not codes:
        print("iopkit i18n update: the program lists no languages besides English; add "
              "`languages: [{code: es, name: \"Español\"}]` to curriculum/program.yml",
              file=sys.stderr)
        return 1
    if unknown := [code for code in codes if code not in known]:
        print(f"iopkit i18n update: {', '.join(unknown)} is not in program.yml's languages "
              f"({', '.join(sorted(known)) or 'none'}); add it there first", file=sys.stderr)
        return 1
    for code in codes:
        state = catalogs.update_language(args.root, code, template)
        print(f"{state.path.relative_to(args.root).as_posix()}: {state.entries} entries, "
              f"{state.translated} translated, {state.fuzzy} fuzzy (English changed: check "
              f"them), {state.untranslated} untranslated")
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from .content.validate import load_curriculum
    from .editing.report import content_report, language_report
    curriculum, _ = load_curriculum(args.root)
    print(content_report(curriculum))
    for language in curriculum.program.languages:
        print()
        print(language_report(args.root, curriculum, language))
    return 0


def cmd_diff(args: argparse.Namespace) -> int:
    """What a change does to the pages each audience reads (base: a git revision)."""
    from .editing.review_diff import DiffError, review_diff
    from .editing.review_format import as_json, as_markdown, as_text
    try:
        diff = review_diff(args.root, args.base, args.head)
    except DiffError as err:
        print(f"iopkit diff: {err}", file=sys.stderr)
        return 1
    except ContentError as err:
        print(f"iopkit diff: the head ({args.head or 'working tree'}) has curriculum errors; "
              f"fix them (iopkit validate), then compare again.\n{err}", file=sys.stderr)
        return 1
    if args.format == "markdown":
        sys.stdout.write(as_markdown(diff, args.max_chars))
    else:
        sys.stdout.write(as_json(diff) if args.format == "json" else as_text(diff))
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    import functools

    from .build.run_mkdocs import BuildFailed, build_sites
    printer = None
    if not args.no_pdf:  # WeasyPrint and the rest of printing load only to print
        from .printing.pdf_files import print_documents
        printer = functools.partial(print_documents, args.root, args.site_url)
    try:
        result = build_sites(args.root, args.site, args.site_url, printer)
    except KeyError as unknown:
        print(f"iopkit build: {unknown.args[0]}", file=sys.stderr)
        return 1
    except BuildFailed as failed:
        if failed.problems:
            print(format_problems(failed.problems), file=sys.stderr)
            print("Nothing was built: fix the errors above, then build again.", file=sys.stderr)
            return 1
        for name, log in failed.logs.items():
            print(f"{name} build failed:\n{log}", file=sys.stderr)
        print("Nothing in site/ was changed.", file=sys.stderr)
        return 1
    for built in result.built:
        address = f", for {built.address}" if built.address else ""
        print(f"built {built.site.name}: {built.pages} pages in {built.site.output}/{address}")
        if built.notes:
            print("\n".join(built.notes))
    if result.root_pages:
        pages = [page.relative_to(args.root).as_posix() for page in result.root_pages]
        print(f"wrote {' and '.join(pages)}")
    if result.printed is not None:
        printed = result.printed
        print(f"printed {len(printed.files)} PDFs in site/pdf/ ({printed.total_size / 2**20:.1f} MB, "
              f"{sum(f.pages for f in printed.files)} pages) in {printed.seconds:.1f} s")
        for note in printed.notes:
            print(f"note: {note}")
    print(f"took {result.seconds:.1f} s")
    return 0


def _site_url(text: str) -> str:
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise argparse.ArgumentTypeError(
            f"'{text}' is not a web address; give where site/ will be published, "
            "e.g. https://example.org/clinic/")
    return text


def cmd_serve(args: argparse.Namespace) -> int:
    from .build.run_mkdocs import serve
    # SIGTERM (a process manager, a test) ends the command as Ctrl-C does, through `finally`
    # blocks, so the MkDocs server it started does not keep serving.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(128 + signal.SIGTERM))
    try:
        return serve(args.root, args.site, args.dev_addr)
    except KeyError as unknown:
        print(f"iopkit serve: {unknown.args[0]}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


class _AudienceAlias(argparse.Action):
    """`--audience facilitator|client`, the export's older spelling of `--site`."""

    def __call__(self, parser, namespace, value, option_string=None):
        if value not in AUDIENCES:
            parser.exit(1, f"iopkit export: unknown audience '{value}'; use --site "
                           f"{' or --site '.join(SITE_NAMES)}, or leave it out for all\n")
        namespace.site = site_for(value).name


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
    lint_cmd.add_argument("--base", metavar="REV",
                          help="git revision to compare worksheets with for removed fields "
                               "(default: each file's previous version)")

    diff = commands.add_parser("diff", help="what a change does to the pages clients and "
                               "facilitators read: pages, words, reading grade, lint")
    diff.add_argument("base", metavar="BASE", help="git revision to compare with, e.g. main")
    diff.add_argument("head", metavar="HEAD", nargs="?",
                      help="git revision to compare (default: the working tree)")
    diff.add_argument("--format", choices=["text", "markdown", "json"], default="text",
                      help="markdown: for a pull request comment or job summary")
    diff.add_argument("--max-chars", type=int, metavar="N",
                      help="markdown: cut the report to N characters (a GitHub comment "
                           "holds 65536)")

    commands.add_parser("schema", help="write JSON Schemas for the YAML files into schemas/")

    init = commands.add_parser("init", help="start a new program repository in DIR")
    init.add_argument("dir", type=Path, metavar="DIR", help="a new or empty folder")
    init.add_argument("--sample", action="store_true",
                      help="start from the whole sample curriculum instead of a minimal one")

    new = commands.add_parser("new", help="start a new module, session, worksheet or track "
                                          "from a template")
    kinds = new.add_subparsers(dest="kind", required=True)
    new_module = kinds.add_parser("module", help="iopkit new module ID --focus-area AREA --title TEXT")
    new_module.add_argument("id")
    new_module.add_argument("--focus-area", required=True,
                            help="one of the focus area ids in curriculum/program.yml")
    new_module.add_argument("--title", required=True)
    new_session = kinds.add_parser("session", help='iopkit new session MODULE "Title" [--minutes 90]')
    new_session.add_argument("module")
    new_session.add_argument("title")
    new_session.add_argument("--minutes", type=int, default=90)
    new_worksheet = kinds.add_parser("worksheet", help='iopkit new worksheet MODULE "Title"')
    new_worksheet.add_argument("module")
    new_worksheet.add_argument("title", help="the id is made from it, e.g. urge-surfing-log")
    new_track = kinds.add_parser("track", help="iopkit new track ID --days mon,wed,fri "
                                               "--start 18:00 [--weeks N]")
    new_track.add_argument("id", help="the track's id and file name: curriculum/tracks/ID.yml")
    new_track.add_argument("--days", required=True, metavar="DAY,DAY,...",
                           help="days of the week, comma-separated: mon,tue,wed,thu,fri,sat,sun")
    new_track.add_argument("--start", required=True, metavar="HH:MM",
                           help="when each day's groups start, HH:MM 24-hour, e.g. 09:00")
    new_track.add_argument("--weeks", type=int,
                           help="weeks in the cycle (default: enough for every session once)")

    build = commands.add_parser("build", help="build both sites (concurrently) with --strict")
    build.add_argument("--site", action="append", metavar="|".join(SITE_NAMES) + "|workbook-<code>",
                       help="build only this site (repeatable); default: all, with the "
                            "workbook in each of program.yml's languages not marked draft")
    build.add_argument("--site-url", type=_site_url, metavar="URL",
                       help="where site/ is published, e.g. https://example.org/clinic/: each "
                            "site is built for URL/<site>/, so its 404 page links work there, "
                            "and site/ gets a landing page and a 404 page")
    build.add_argument("--no-pdf", action="store_true",
                       help="leave out the printed documents (site/pdf/: facilitator manual, "
                            "client handouts, weeks at a glance) and the pages' links to them; "
                            "building only some sites (--site) leaves them out too")

    serve = commands.add_parser("serve", help="preview one site with live reload")
    serve.add_argument("--site", default="facilitator",
                       metavar="|".join(SITE_NAMES) + "|workbook-<code>",
                       help="the site to preview; workbook-es previews the Spanish workbook, "
                            "a draft language too")
    serve.add_argument("--dev-addr", default="127.0.0.1:8000")

    exp = commands.add_parser("export", help="print the validated curriculum (json), or write "
                              "each site as a MkDocs project that needs no hooks (markdown)")
    exp.add_argument("--format", choices=["json", "markdown"], default="json")
    exp.add_argument("dir", nargs="?", type=Path, metavar="DIR",
                     help="markdown: a new or empty folder to write the project(s) into")
    # Checked by the export, not by argparse `choices`: a wrong name is a one-line error, exit 1.
    exp.add_argument("--site", metavar="|".join(SITE_NAMES),
                     help="markdown: export only this site, as DIR itself (default: all, "
                          "each in DIR/<site>/)")
    exp.add_argument("--audience", action=_AudienceAlias, dest="site", help=argparse.SUPPRESS)
    commands.add_parser("report", help="reading grade and wording of each session's client text")

    i18n = commands.add_parser("i18n", help="translation catalogs of the Client Workbook "
                                            "(gettext PO files in locale/)")
    i18n.add_argument("action", choices=["extract", "update"],
                      help="extract: write locale/workbook.pot from the curriculum; update: "
                           "merge it into each language's locale/<code>.po")
    i18n.add_argument("--lang", nargs="*", metavar="CODE",
                      help="update: only these languages (default: program.yml's languages)")
    sched = commands.add_parser("schedule", help="a track's dated plan (md, csv or ics)")
    sched.add_argument("--track", required=True, help="track id (curriculum/tracks/<id>.yml)")
    sched.add_argument("--start", type=_date,
                       help="the program's calendar from this day, its week being cycle week "
                            "1 (with --admitted: a date in week 1 of the cycle, instead of "
                            "the track's cycle_start), YYYY-MM-DD")
    sched.add_argument("--admitted", type=_date,
                       help="one client's plan from this admission day, YYYY-MM-DD")
    sched.add_argument("--weeks", type=int, help="how many weeks (default: one cycle; with "
                                                 "--admitted, the client's program length)")
    sched.add_argument("--sessions-only", action="store_true",
                       help="ics: curriculum sessions only, without process groups, check-ins "
                            "and other groups")
    sched.add_argument("--skip", type=_date, nargs="*", metavar="DATE",
                       help="more dates with no group, besides program.yml's holidays")
    sched.add_argument("--format", choices=["md", "csv", "ics"], default="md")
    return top


COMMANDS = {"validate": cmd_validate, "build": cmd_build, "serve": cmd_serve,
            "export": cmd_export, "report": cmd_report, "schedule": cmd_schedule,
            "i18n": cmd_i18n,
            "lint": cmd_lint, "diff": cmd_diff, "schema": cmd_schema, "new": cmd_new, "init": cmd_init}


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


def run() -> None:
    """The `iopkit` command: main(), then out at once. Python's own teardown would free
    every object a build made, one by one, a fifth of a second after all was written and
    said; nothing is left to do then, and the system frees a process's memory whole."""
    code = main()
    logging.shutdown()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:  # the reader of our output has gone: nothing more to say
        pass
    os._exit(code)


if __name__ == "__main__":
    run()
