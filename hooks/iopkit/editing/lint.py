"""`iopkit lint`: what a reviewer would flag in content that is already valid.

Every rule has an id, reports at the line of the text it is about, and says how to fix
it. To silence a rule for one block, put a comment on the line above the block's key (or
at the end of its line) with the rule id and a reason:

    # iopkit-lint: allow person-first -- a client's own words, quoted in the reading
    reading: |

Severities and thresholds come from `[tool.iopkit.lint]` in pyproject.toml. A program's
content standard (how long a session is, how many discussion questions it has, ...) comes
from `[tool.iopkit.lint.standard]`: each setting turns on the rule of the same name, and a
program that sets none gets no such findings.
"""

from __future__ import annotations

import datetime as dt
import json
import posixpath
import re
import tomllib
import typing
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..content.load import Loaded, LoadedFiles, load_files
from ..content.model import (
    CrisisResource,
    Curriculum,
    FacilitatorNote,
    Module,
    Program,
    Session,
    Worksheet,
)
from ..content.placeholders import PLACEHOLDER
from ..content.problems import Problem, Severity, did_you_mean
from ..content.text_fields import text_fields
from ..content.validate import check_files
from ..site.audience import select_audience
from ..site.client_text import client_parts
from ..site.glossary import unexplained
from ..site.paths import generated_pages, module_page, session_page
from ..site.translations import po_path, read_translations
from .field_history import earlier_field_ids
from .lint_rules import LEVELS, RULES, Level
from .readability import as_sentences, plain_text, reading_ease, reading_grade
from .wording import stigmatizing_terms

ALLOW = re.compile(r"#\s*iopkit-lint:\s*allow\s+([a-z-]+)\s*(?:--\s*(.*))?$")
MARKDOWN_LINK = re.compile(r"(!?)\[([^\]]*)\]\(([^)\s]+)[^)]*\)")
HTML_IMAGE = re.compile(r"<img\b(?![^>]*\balt=\"[^\"]+\")[^>]*>", re.IGNORECASE)
LONG_BLOCK_WORDS = 30  # shorter blocks are graded only as part of their session
HAND_WRITTEN = ("curriculum/guide", "curriculum/workbook")  # pages besides the generated ones

# phone-link: a number a client may call or text. US numbers (1-800-555-1234, 800-555-1234,
# (800) 555-1234) and the short lines 988 and 911 anywhere; a 5- or 6-digit text line
# (88788, 838255) only near a word such as "text" or "call", so that counts, amounts and
# dates stay quiet. Never part of a longer number, an amount, a date or an address.
PHONE_NUMBER = re.compile(r"""
    (?<![\w$.,/:-])
    (?: (?:1[-.\ ])?(?:\(\d{3}\)\ ?|\d{3}[-.])\d{3}[-.]\d{4}
      | 988 | 911
      | (?P<text_line>\d{5,6}) )
    (?![\w/-]|[.,:]\d)
    """, re.X)
DIALING_WORD = re.compile(r"\b(?:text(?:ing)?|txt|sms|call(?:ing)?|dial|send|message)\b", re.I)
DIALING_WINDOW = 40  # characters before a text line where a dialing word is looked for
# Where a number is not a reader's words: links (a link's own number is checked against its
# target), web addresses, inline code.
NOT_TEXT = re.compile(r"!?\[[^\]]*\]\([^)]*\)|<[^>\s]+:[^>\s]*>|https?://\S+|`[^`]*`")
DIAL_LINK = re.compile(r"\[([^\]]*)\]\(\s*(tel|sms):([^)\s]*)[^)]*\)", re.I)
# Client text the pages show without links, by the last key of its data path: a number
# there is reworded away. (Worksheet fields, also plain text, are not checked: see the
# rule in lint_rules.py.)
NO_LINKS = {"name", "title", "purpose", "term", "aliases", "definition"}

# The standard's settings, each named as the rule it turns on. Counts are written as N (at
# least N) or [least, most].
COUNT_SETTINGS = ("session-minutes", "session-objectives", "session-worksheets",
                  "discussion-questions", "question-probes", "activity-steps",
                  "session-adaptations", "fidelity-items", "say-lines", "say-line-words",
                  "core-questions", "reading-words", "key-points", "module-sessions", "module-references")
STANDARD_SETTINGS = (*COUNT_SETTINGS, "required-notes", "required-adaptations",
                     "purpose-sentence")
NOTE_KINDS: tuple[str, ...] = typing.get_args(FacilitatorNote.model_fields["kind"].annotation)

Bounds = tuple[int, int | None]  # (least, most); None: no most


@dataclass
class Standard:
    """The program's content standard; only what it sets is checked."""

    counts: dict[str, Bounds] = field(default_factory=dict)  # by rule id
    required_notes: tuple[str, ...] = ()
    required_adaptations: tuple[str, ...] = ()  # adaptation titles, matched ignoring case
    purpose_sentence: bool = False


@dataclass
class LintConfig:
    grade_target: float = 6.0
    grade_max: float = 8.0
    # Translations' reading ease (0-100, higher is easier; Spanish: the INFLESZ scale)
    ease_target: float = 65.0
    ease_min: float = 55.0
    review_months: int = 12
    # unexplained-term: abbreviations readers know (OK, TV), and words that need explaining
    plain_abbreviations: set[str] = field(default_factory=set)
    terms_to_explain: list[str] = field(default_factory=list)
    severity: dict[str, Level] = field(
        default_factory=lambda: {rule.id: rule.severity for rule in RULES.values()})
    standard: Standard = field(default_factory=Standard)
    today: dt.date = field(default_factory=dt.date.today)


def load_config(root: Path) -> LintConfig:
    """Settings from pyproject.toml's [tool.iopkit.lint]; ValueError names a bad one."""
    config = LintConfig()
    pyproject = root / "pyproject.toml"
    if not pyproject.is_file():
        return config
    settings = tomllib.loads(pyproject.read_text()).get("tool", {}).get("iopkit", {}).get("lint", {})
    config.grade_target = float(settings.get("reading-grade-target", config.grade_target))
    config.grade_max = float(settings.get("reading-grade-max", config.grade_max))
    config.review_months = int(settings.get("review-months", config.review_months))
    config.ease_target = float(settings.get("reading-ease-target", config.ease_target))
    config.ease_min = float(settings.get("reading-ease-min", config.ease_min))
    for key in ("plain-abbreviations", "terms-to-explain"):
        words = settings.get(key, [])
        if not (isinstance(words, list) and all(isinstance(w, str) for w in words)):
            raise ValueError(f"pyproject.toml [tool.iopkit.lint]: {key} must be a list of "
                             'words, e.g. ["OK", "TV"]')
    config.plain_abbreviations = set(settings.get("plain-abbreviations", []))
    config.terms_to_explain = [w.lower() for w in settings.get("terms-to-explain", [])]
    for rule, level in settings.get("severity", {}).items():
        if rule not in RULES or level not in LEVELS:
            raise ValueError(f"pyproject.toml [tool.iopkit.lint.severity]: '{rule} = {level}' "
                             f"is not valid; rules: {', '.join(RULES)}; levels: "
                             f"{', '.join(LEVELS)}")
        config.severity[rule] = level
    config.standard = load_standard(settings.get("standard", {}))
    return config


def load_standard(settings: object) -> Standard:
    """[tool.iopkit.lint.standard]; ValueError names a bad setting and what is allowed."""
    where = "pyproject.toml [tool.iopkit.lint.standard]"
    if not isinstance(settings, dict):
        raise ValueError(f"{where} must be a table of settings: {', '.join(STANDARD_SETTINGS)}")
    standard = Standard()
    for key, value in settings.items():
        if key not in STANDARD_SETTINGS:
            raise ValueError(f"{where}: unknown setting '{key}'"
                             f"{did_you_mean(key, list(STANDARD_SETTINGS))} "
                             f"(settings: {', '.join(STANDARD_SETTINGS)})")
        if allowed := _set(standard, key, value):
            raise ValueError(f"{where}: '{key} = {json.dumps(value, default=str)}' is not "
                             f"valid; {allowed}")
    return standard


def _set(standard: Standard, key: str, value: object) -> str | None:
    """Put one setting into `standard`; or, when `value` is not valid, what is allowed."""
    if key == "required-notes":
        if not (isinstance(value, list) and all(kind in NOTE_KINDS for kind in value)):
            return f"write a list of note kinds from: {', '.join(NOTE_KINDS)}"
        standard.required_notes = tuple(value)
    elif key == "required-adaptations":
        if not (isinstance(value, list) and value and all(isinstance(t, str) and t.strip()
                                                          for t in value)):
            return 'write a list of adaptation titles, e.g. ["Telehealth"]'
        standard.required_adaptations = tuple(value)
    elif key == "purpose-sentence":
        if not isinstance(value, bool):
            return "write true or false"
        standard.purpose_sentence = value
    elif bounds := _bounds(value):
        standard.counts[key] = bounds
    else:
        return "write a number N (at least N) or [least, most], e.g. [4, 6]"
    return None


def _bounds(value: object) -> Bounds | None:
    """N as (N, None), [least, most] as (least, most); None when it is neither."""
    if _is_count(value):
        return value, None
    if isinstance(value, list) and len(value) == 2 and all(map(_is_count, value)) \
            and value[0] <= value[1]:
        return value[0], value[1]
    return None


def _is_count(value: object) -> typing.TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0  # True is an int


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def _allowed(bounds: Bounds, noun: str) -> str:
    """The bounds as an editor reads them: "at least 3 steps", "4 to 6 questions"."""
    least, most = bounds
    if most is None:
        return f"at least {_count(least, noun)}"
    return _count(most, noun) if least == most else f"{least} to {_count(most, noun)}"


def _words(text: str) -> int:
    return len(plain_text(text).split())


@dataclass(frozen=True)
class PhoneFinding:
    number: str  # as written
    start: int  # where in the text
    href: str  # the link it should be: tel:... or sms:...
    problem: str  # what is wrong, after the number


def _digits(number: str) -> str:
    """A number's digits without the US country code: 1-800-799-7233 and 800.799.7233
    are the same number."""
    digits = re.sub(r"\D", "", number)
    return digits[1:] if len(digits) == 11 and digits.startswith("1") else digits


def _numbers(text: str) -> Iterator[re.Match[str]]:
    """Phone and text numbers a reader would dial, in text as written."""
    for match in PHONE_NUMBER.finditer(text):
        if match.group("text_line") and not DIALING_WORD.search(
                text[max(0, match.start() - DIALING_WINDOW):match.end() + 12]):
            continue
        yield match


def _href(text: str, match: re.Match[str]) -> str:
    """tel: for a number one calls; sms: for one the words before it say to text."""
    before = [w.lower() for w in DIALING_WORD.findall(text[max(0, match.start() - 30):match.start()])]
    texted = before and not any(w.startswith("call") or w == "dial" for w in before)
    return ("sms:" if texted else "tel:") + re.sub(r"\D", "", match.group(0))


def phone_findings(text: str, links_possible: bool = True) -> list[PhoneFinding]:
    """Numbers in client text that are not tap-to-call links, and tel:/sms: links whose
    text shows another number than they dial."""
    found: list[PhoneFinding] = []
    for link in DIAL_LINK.finditer(text):
        dials = _digits(link.group(3).split("?", 1)[0].split(";", 1)[0])
        for match in _numbers(link.group(1)):
            if _digits(match.group(0)) != dials:
                found.append(PhoneFinding(
                    match.group(0), link.start(1) + match.start(), _href(link.group(1), match),
                    f"is the text of a link that dials {link.group(2).lower()}:{link.group(3)}, "
                    "another number"))
    # Blank out what is not a reader's words, keeping every position.
    words = NOT_TEXT.sub(lambda m: " " * len(m.group(0)), text)
    problem = "is not a tap-to-call link" + ("" if links_possible else
                                             ", and this text cannot hold a link")
    found += [PhoneFinding(m.group(0), m.start(), _href(words, m), problem)
              for m in _numbers(words)]
    return sorted(found, key=lambda f: f.start)


def _links_possible(path: tuple) -> bool:
    names = [part for part in path if isinstance(part, str)]
    return "aliases" not in names and (not names or names[-1] not in NO_LINKS)


def _crisis_lines(program: Program) -> list[CrisisResource]:
    """The crisis lines the workbook lists, the program's own after-hours line included."""
    own = [program.local_facts.after_hours] if program.local_facts.after_hours else []
    return own + list(program.crisis_resources)


def _in_crisis_line(path: tuple) -> bool:
    """Whether a path of program.yml is inside a crisis line."""
    return path[:1] == ("crisis_resources",) or path[:2] == ("local_facts", "after_hours")


def _crisis_line_findings(program: Program, path: tuple, text: str) -> list[PhoneFinding]:
    """A crisis line's contacts become links and its name is its name ("988 Suicide &
    Crisis Lifeline"): neither is checked. Its `when` shows no links (it is also the note
    of the line's contact card); a number there ("call 988 and press 1") must be one the
    crisis lines dial: each is a link in the crisis bar on every page and on Get help."""
    if path[-1] != "when":
        return []
    dialed = {_digits(contact.value) for line in _crisis_lines(program)
              for contact in line.contacts if contact.method in ("call", "text", "tty")}
    return [replace(finding, problem="is not a number the crisis lines list as a contact")
            for finding in phone_findings(text, links_possible=False)
            if _digits(finding.number) not in dialed]


def _where_in_source(loaded: Loaded, path: tuple, text: str, finding: PhoneFinding
                     ) -> tuple[int, int] | None:
    """The line and column where a number in a text is written: the text starts at its
    value's position (a block scalar on the lines after `|`); the number is the same
    occurrence of those characters from there. None when it cannot be found as written
    (e.g. a number broken over two lines)."""
    line, col = loaded.doc.position_of(path)
    occurrence = text.count(finding.number, 0, finding.start)
    lines = loaded.doc.lines
    for number in range(line, len(lines) + 1):
        source = lines[number - 1]
        start = col - 1 if number == line else 0
        while (at := source.find(finding.number, start)) >= 0:
            if occurrence == 0:
                return number, at + 1
            occurrence -= 1
            start = at + len(finding.number)
    return None


class Linter:
    def __init__(self, files: LoadedFiles, config: LintConfig, pages: set[str]):
        self.files, self.config, self.pages = files, config, pages
        self.problems: list[Problem] = []

    # -- reporting -----------------------------------------------------------------------

    def _allowed(self, loaded: Loaded, line: int, rule: str) -> bool:
        """A reasoned allow comment on the block's line or the line above silences it."""
        for number in (line, line - 1):
            if 1 <= number <= len(loaded.doc.lines):
                match = ALLOW.search(loaded.doc.lines[number - 1])
                if match and match.group(1) == rule:
                    if not (match.group(2) or "").strip():
                        self.problems.append(Problem(
                            loaded.doc.path, number, 1, RULES["allow-reason"].text(rule=rule),
                            "error"))
                    return True
        return False

    def report(self, rule: str, loaded: Loaded, path: tuple, *, at_most: Severity = "error",
               at_key: bool = False, at: tuple[int, int] | None = None,
               **values: object) -> None:
        """Report a rule's case at the line of `path`, at the rule's configured severity
        (never above `at_most`: a rule may grade its cases). `at_key` reports at the key's
        line, not the value's: a list's count belongs on `objectives:`, not on its first
        item, so an allow comment above the key silences it. `at` reports at a line and
        column inside the text (a word in a block); an allow comment on that line, or above
        the block, silences it."""
        level = self.config.severity[rule]
        if level == "off":
            return
        severity: Severity = "warning" if "warning" in (level, at_most) else "error"
        line, col = (loaded.doc.key_position if at_key else loaded.doc.position_of)(path)
        where = at or (line, col)
        problem = Problem(loaded.doc.path, *where, RULES[rule].text(**values), severity)
        if not self._allowed(loaded, line, rule) and not (
                at and self._allowed(loaded, at[0], rule)):
            self.problems.append(problem)

    # -- what is checked -----------------------------------------------------------------

    def every_file(self) -> Iterator[tuple[Loaded, str | None]]:
        """Each loaded file with the page its text renders on (for relative links)."""
        if self.files.program:
            yield self.files.program, None
        for track in self.files.tracks:
            yield track, None
        for entry in self.files.modules:
            if entry.module:
                yield entry.module, module_page(entry.module.obj.id)
            for _, session in entry.sessions:
                yield session, (session_page(entry.module.obj.id, session.obj.id)
                                if entry.module else None)
            for worksheet in entry.worksheets:
                yield worksheet, None

    def check_text(self, loaded: Loaded, page: str | None) -> None:
        for path, text in text_fields(loaded.obj):
            if "references" in path:  # titles of publications are their authors' words
                continue
            for issue in stigmatizing_terms(text):
                self.report("person-first", loaded, path, term=issue.term,
                            suggestion=f"'{issue.suggestion}'")
            if match := PLACEHOLDER.search(text):
                self.report("placeholder", loaded, path, found=match.group(0))
            for bang, label, target in MARKDOWN_LINK.findall(text):
                if bang and not label.strip():
                    self.report("image-alt", loaded, path, image=f"image '{target}'")
                elif not bang and page and self._dead(page, target):
                    self.report("dead-link", loaded, path, target=target)
            if HTML_IMAGE.search(text):
                self.report("image-alt", loaded, path, image="<img>")

    def _dead(self, page: str, target: str) -> bool:
        if re.match(r"^[a-z][a-z0-9+.-]*:", target, re.I) or target.startswith(("#", "/")):
            return False  # web, mail and phone links, anchors on the same page
        path = target.split("#", 1)[0]
        resolved = posixpath.normpath(posixpath.join(posixpath.dirname(page), path))
        return resolved not in self.pages

    def check_module(self, loaded: Loaded[Module]) -> None:
        module = loaded.obj
        if not module.references:
            self.report("missing-references", loaded, ("references",))
        months = (self.config.today.year - module.last_reviewed.year) * 12 + \
            self.config.today.month - module.last_reviewed.month
        if months > self.config.review_months:
            self.report("review-age", loaded, ("last_reviewed",),
                        date=module.last_reviewed.isoformat(), months=months,
                        limit=self.config.review_months)

    def grade(self, loaded: Loaded, path: tuple, blocks: list[str], what: str) -> None:
        text = as_sentences(blocks)
        if not text:
            return
        grade = reading_grade(blocks)
        if grade > self.config.grade_target:
            # Above the most allowed is the rule's full severity; above the target, a warning.
            self.report("reading-grade", loaded, path,
                        at_most="error" if grade > self.config.grade_max else "warning",
                        what=what, grade=grade, target=self.config.grade_target,
                        most=self.config.grade_max)

    def check_client_text(self) -> None:
        worksheets = {w.obj.id: w for m in self.files.modules for w in m.worksheets}
        for entry in self.files.modules:
            for _, session in entry.sessions:
                client = session.obj.client
                all_blocks = [text for _, text in text_fields(client)]
                for ref in session.obj.worksheets:
                    if ref in worksheets:
                        all_blocks += [t for _, t in text_fields(worksheets[ref].obj)]
                self.grade(session, ("client",), all_blocks, "this session's client text")
                for path, text in text_fields(client, ("client",)):
                    if len(plain_text(text).split()) >= LONG_BLOCK_WORDS:
                        self.grade(session, path, [text], "this block")
            if entry.module:
                summary = entry.module.obj.client_summary
                if len(plain_text(summary).split()) >= LONG_BLOCK_WORDS:
                    self.grade(entry.module, ("client_summary",), [summary], "client_summary")

    # -- the program's content standard ------------------------------------------------

    def count(self, rule: str, loaded: Loaded, path: tuple, number: int, noun: str) -> None:
        """Report `number` of `noun` at `path` when the standard bounds it and it is out."""
        bounds = self.config.standard.counts.get(rule)
        if bounds is None:
            return
        least, most = bounds
        if number < least or (most is not None and number > most):
            self.report(rule, loaded, path, at_key=True, found=_count(number, noun),
                        allowed=_allowed(bounds, noun))

    def check_session_counts(self, loaded: Loaded[Session]) -> None:
        session, facilitator = loaded.obj, loaded.obj.facilitator
        self.count("session-minutes", loaded, ("minutes",), session.minutes, "minute")
        self.count("session-objectives", loaded, ("objectives",), len(session.objectives),
                   "objective")
        self.count("session-worksheets", loaded, ("worksheets",), len(session.worksheets),
                   "worksheet")
        self.count("discussion-questions", loaded, ("facilitator", "discussion"),
                   len(facilitator.discussion), "discussion question")
        for i, question in enumerate(facilitator.discussion):
            self.count("question-probes", loaded, ("facilitator", "discussion", i, "probes"),
                       len(question.probes), "probe")
        self.count("activity-steps", loaded, ("facilitator", "activity", "steps"),
                   len(facilitator.activity.steps), "step")
        self.count("session-adaptations", loaded, ("facilitator", "adaptations"),
                   len(facilitator.adaptations), "adaptation")
        self.count("fidelity-items", loaded, ("facilitator", "fidelity_checklist"),
                   len(facilitator.fidelity_checklist), "item")
        self.count("core-questions", loaded, ("facilitator", "discussion"),
                   sum(q.priority == "core" for q in facilitator.discussion), "core question")
        for i, point in enumerate(facilitator.talking_points):
            here = ("facilitator", "talking_points", i)
            self.count("say-lines", loaded, here + ("say",), len(point.say), "say line")
            for j, line in enumerate(point.say):
                self.count("say-line-words", loaded, here + ("say", j), _words(line), "word")
        self.count("reading-words", loaded, ("client", "reading"), _words(session.client.reading),
                   "word")
        self.count("key-points", loaded, ("client", "key_points"), len(session.client.key_points),
                   "key point")

    def check_required_notes(self, loaded: Loaded[Session]) -> None:
        required = self.config.standard.required_notes
        written = {note.kind for note in loaded.obj.facilitator.notes}
        if missing := [kind for kind in required if kind not in written]:
            self.report("required-notes", loaded, ("facilitator", "notes"), at_key=True,
                        missing=" or ".join(missing), required=", ".join(required))

    def check_required_adaptations(self, loaded: Loaded[Session]) -> None:
        written = {a.title.strip().lower() for a in loaded.obj.facilitator.adaptations}
        required = self.config.standard.required_adaptations
        if missing := [title for title in required if title.strip().lower() not in written]:
            self.report("required-adaptations", loaded, ("facilitator", "adaptations"),
                        at_key=True, missing=" and ".join(f'"{t}"' for t in missing))

    def check_purpose_sentence(self, loaded: Loaded[Session]) -> None:
        if not self.config.standard.purpose_sentence:
            return
        purpose = plain_text(loaded.obj.client.purpose)
        sentences = len(re.split(r"(?<=[.!?])\s+", purpose))
        if sentences > 1:
            found = f"has {sentences} sentences"
        elif not purpose.endswith("."):
            found = "does not end in a full stop"
        else:
            return
        self.report("purpose-sentence", loaded, ("client", "purpose"), at_key=True, found=found)

    def check_standard(self) -> None:
        for entry in self.files.modules:
            if entry.module:  # module.yml does not list its sessions: report at its id
                self.count("module-sessions", entry.module, ("id",), len(entry.sessions),
                           "session")
                self.count("module-references", entry.module, ("references",),
                           len(entry.module.obj.references), "reference")
            for _, session in entry.sessions:
                self.check_session_counts(session)
                self.check_required_notes(session)
                self.check_required_adaptations(session)
                self.check_purpose_sentence(session)

    def client_text(self, client_view: Curriculum) -> Iterator[tuple[Loaded, tuple, str]]:
        """Every text clients read, with the file it is written in and its data path."""
        documents = {loaded.doc.path: loaded for loaded, _ in self.every_file()}
        for source, base, part in client_parts(client_view):
            for path, text in text_fields(part, base):
                if "references" not in path and source in documents:
                    yield documents[source], path, text

    def check_terms_explained(self, client_view: Curriculum) -> None:
        """Client text explains its terms: each abbreviation (and each configured term)
        it uses is in the program's glossary, which the workbook shows where it is used."""
        glossary = client_view.program.glossary
        for loaded, path, text in self.client_text(client_view):
            for term in unexplained(text, glossary, self.config.plain_abbreviations,
                                    self.config.terms_to_explain):
                self.report("unexplained-term", loaded, path, term=term)

    def check_phone_links(self, client_view: Curriculum) -> None:
        """Every number a client may call or text is a tap-to-call link, at the line (and
        column) where it is written."""
        program = client_view.program
        for loaded, path, text in self.client_text(client_view):
            if isinstance(loaded.obj, Worksheet) and path[:1] == ("fields",):
                continue  # plain text, where a number is often what is learnt (lint_rules.py)
            findings = (_crisis_line_findings(program, path, text)
                        if loaded is self.files.program and _in_crisis_line(path)
                        else phone_findings(text, _links_possible(path)))
            for finding in findings:
                self.report("phone-link", loaded, path,
                            at=_where_in_source(loaded, path, text, finding),
                            number=finding.number, href=finding.href, problem=finding.problem)

    def check_removed_fields(self, root: Path, base: str | None) -> None:
        worksheets = {w.doc.path: w for m in self.files.modules for w in m.worksheets}
        for path, ids in earlier_field_ids(root, sorted(worksheets), base).items():
            worksheet = worksheets[path]
            now = {f.id for f in worksheet.obj.fields}
            replaced = {f.replaces for f in worksheet.obj.fields if f.replaces}
            for field_id in ids:
                if field_id not in now and field_id not in replaced:
                    self.report("field-removed", worksheet, ("fields",), at_key=True,
                                field=field_id)

    def check_local_facts(self) -> None:
        if self.files.program is None:
            return
        facts = self.files.program.obj.local_facts
        for name, spec in type(facts).model_fields.items():
            if getattr(facts, name) is None:
                self.report("local-facts", self.files.program, ("local_facts",), fact=name,
                            what=(spec.description or "").rstrip("."))

    # -- translations (locale/<code>.po) -------------------------------------------------

    def report_in(self, rule: str, file: str, line: int, *, at_most: Severity = "error",
                  **values: object) -> None:
        """Report a rule's case in a file that is not YAML (a PO file), by line."""
        level = self.config.severity[rule]
        if level != "off":
            severity: Severity = "warning" if "warning" in (level, at_most) else "error"
            self.problems.append(Problem(file, line, 1, RULES[rule].text(**values), severity))

    def check_translations(self, root: Path) -> None:
        """Each language's translations read as plainly as the English (by that language's
        own formula) and use person-first words."""
        if self.files.program is None:
            return
        worksheet_files = {w.obj.id: w.doc.path for m in self.files.modules for w in m.worksheets}
        sessions = [s for m in self.files.modules for _, s in m.sessions]
        for language in self.files.program.obj.languages:
            entries = read_translations(root, language.code)
            if entries is None:
                continue
            po = po_path(language.code)
            done = [e for e in entries if e.text and not e.fuzzy]
            for entry in done:
                for issue in stigmatizing_terms(entry.text, language.code):
                    self.report_in("person-first", po, entry.po_line, term=issue.term,
                                   suggestion=f"'{issue.suggestion}'")
            for session in sessions:
                files = {session.doc.path} | {worksheet_files[w] for w in session.obj.worksheets
                                              if w in worksheet_files}
                mine = [e for e in entries if e.file in files
                        and (e.file != session.doc.path or e.where.startswith("client."))]
                if not mine or any(not e.text or e.fuzzy for e in mine):
                    continue  # judged once every part of the session is translated
                ease = reading_ease([e.text for e in mine], language.code)
                if ease is None or ease >= self.config.ease_target:
                    continue
                line = next((e.po_line for e in mine if e.where == "client.reading"), mine[0].po_line)
                self.report_in("translated-reading-ease", po, line,
                               at_most="error" if ease < self.config.ease_min else "warning",
                               language=language.name, session=session.obj.id, ease=ease,
                               target=self.config.ease_target, least=self.config.ease_min)

    def run(self, client_view: Curriculum | None = None) -> list[Problem]:
        for loaded, page in self.every_file():
            self.check_text(loaded, page)
            if isinstance(loaded.obj, Module):
                self.check_module(loaded)
        self.check_client_text()
        self.check_standard()
        self.check_local_facts()
        if client_view is not None:
            self.check_terms_explained(client_view)
            self.check_phone_links(client_view)
        return sorted(set(self.problems))


def site_pages(root: Path, curriculum: Curriculum) -> set[str]:
    """Every page of either site: generated ones and the hand-written ones."""
    pages = set(generated_pages(curriculum, "facilitator")) | set(
        generated_pages(curriculum, "client"))
    for folder in HAND_WRITTEN:
        pages |= {p.relative_to(root / folder).as_posix() for p in (root / folder).rglob("*.md")}
    return pages


def lint(root: Path, config: LintConfig | None = None,
         base: str | None = None) -> tuple[bool, list[Problem]]:
    """(valid, problems): validation's problems when the content has errors (lint reads
    valid content only), else lint's. The files are read once for both. `base`: the git
    revision worksheets are compared with (field-removed); see field_history."""
    files = load_files(root)
    curriculum, problems = check_files(files)
    if curriculum is None:
        return False, problems
    config = config or load_config(root)
    linter = Linter(files, config, site_pages(root, curriculum))
    if config.severity["field-removed"] != "off":
        linter.check_removed_fields(root, base)
    linter.check_translations(root)
    return True, linter.run(select_audience(curriculum, "client"))
