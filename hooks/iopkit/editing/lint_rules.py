"""The lint rules, as data: each rule's id, default severity, what it flags, the message
template, how to fix it and where CONTRIBUTING.md explains it.

Checks (lint.py) are small functions that find a case and report it by rule id with the
values its message needs; wording lives here, once. CONTRIBUTING.md's rule table is made
from this table (`rules_table`), and a test keeps the two the same.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

Level = Literal["error", "warning", "off"]
LEVELS: tuple[Level, ...] = ("error", "warning", "off")


@dataclass(frozen=True)
class LintRule:
    id: str
    severity: Level  # by default; pyproject.toml's [tool.iopkit.lint.severity] may change it
    flags: str  # what the rule flags, for people choosing severities
    message: str  # str.format template filled with the values a check reports
    fix: str  # how to fix it (also a template)

    @property
    def anchor(self) -> str:
        """Where CONTRIBUTING.md explains the rule."""
        return f"CONTRIBUTING.md#rule-{self.id}"

    def text(self, **values: Any) -> str:
        """The problem's message as an editor reads it: rule id, what is wrong, the fix."""
        return f"[{self.id}] {self.message.format(**values)}; {self.fix.format(**values)}"


RULES: dict[str, LintRule] = {rule.id: rule for rule in (
    LintRule("reading-grade", "error",
             "client text reads above the target grade (a warning) or above the most "
             "allowed (an error)",
             "{what} reads at grade {grade:.1f} (target {target:g}, most {most:g})",
             "use shorter sentences and everyday words"),
    LintRule("translated-reading-ease", "error",
             "a session's translated client text (locale/<code>.po) reads less easily than "
             "the target (a warning) or the least allowed (an error), by that language's own "
             "formula (Spanish: Szigriszt-Pazos, the INFLESZ scale)",
             "the {language} text of session {session} has a reading ease of {ease:.0f}, "
             "below {target:g} (least allowed {least:g}; higher is easier)",
             "use shorter sentences and everyday words in the translation"),
    LintRule("person-first", "error",
             "a stigmatizing word such as \"addict\", \"abuser\", \"substance abuse\", or "
             "\"clean\"/\"dirty\" for a test result (in a Spanish translation: \"adicto\", "
             "\"abuso de sustancias\", \"alcohólico\" for a person, ...)",
             "'{term}' is not person-first wording",
             "write {suggestion} instead (quote a person's own words in double quotes)"),
    LintRule("placeholder", "error",
             "`TODO`, `TBD`, `FIXME` or \"lorem ipsum\" is still in the text",
             "'{found}' is a placeholder",
             "write the real text"),
    LintRule("review-age", "warning",
             "the module's `last_reviewed` is older than the allowed months (12 by default)",
             "last reviewed {date}, {months} months ago (limit {limit})",
             "have a clinical supervisor review it and update last_reviewed"),
    LintRule("missing-references", "error",
             "a module lists no references",
             "the module lists no references",
             "add at least one reference to the evidence behind this module (authors, year, "
             "title, published_in)"),
    LintRule("image-alt", "error",
             "an image has no description",
             "{image} has no alt text",
             "describe what it shows: `![A person breathing slowly](breath.png)`, or `alt=\"...\"`"),
    LintRule("dead-link", "error",
             "a link points to a page that does not exist",
             "link '{target}' points to no page of the site",
             "link a page's .md path relative to this page, e.g. ../life-skills/index.md"),
    LintRule("unexplained-term", "error",
             "client text uses an abbreviation, or a term listed in terms-to-explain, that "
             "the program's glossary does not explain",
             "'{term}' is not explained for clients",
             "add it to glossary in curriculum/program.yml (term, plain definition), or, for "
             "an everyday abbreviation, to plain-abbreviations in pyproject.toml"),
    # Client text is read on phones: a number is tapped, not copied. Not checked: a
    # worksheet's fields (labels, help, options, columns), which the page shows as plain
    # text, so no link can be written there, and where a number is often what the client
    # learns, writes down or checks off ("911 for danger" under "Numbers I know by heart"):
    # rewording it away would take safety information out. The worksheet's instructions
    # are checked, and the crisis bar on every page has the crisis lines as links. Nor a
    # crisis line's name and contacts (each contact becomes a link), nor a number in its
    # `when` that the crisis lines list as a contact ("call 988 and press 1"): that text
    # is also the note of the line's contact card, and the number is a link in the crisis
    # bar and on Get help. Other text the pages show without links (titles, a session's
    # purpose, the glossary) is reworded instead.
    LintRule("phone-link", "error",
             "a phone or text number in client text that is not a tap-to-call link "
             "(`tel:` or `sms:`), or a link that dials another number than its text shows "
             "(worksheet fields, shown as plain text, are not checked)",
             "{number} {problem}",
             "write it as a link, e.g. `[{number}]({href})`; in a title, a purpose or the "
             "glossary, which show no links, reword it to need no number; in a crisis line's "
             "`when`, name only numbers the crisis lines list as contacts"),
    LintRule("local-facts", "warning",
             "a fact only the program can give (after-hours number, where naloxone is kept, "
             "reporting rules, meeting lists) is not set",
             "local_facts.{fact} is not set ({what})",
             "add it under local_facts in curriculum/program.yml before clients use the "
             "workbook"),
    LintRule("field-removed", "warning",
             "a worksheet field was removed or renamed since the last version, without a field "
             "that `replaces` it (clients' answers to it then show only as Earlier answers)",
             "field '{field}' was removed or renamed since the last version",
             "if a field took its place, add `replaces: {field}` to it so clients' answers "
             "carry over; if the question is gone, its answers stay under Earlier answers"),
    LintRule("allow-reason", "error",
             "a `# iopkit-lint: allow RULE` comment gives no reason",
             "an allow comment for {rule} gives no reason",
             "write it as '# iopkit-lint: allow {rule} -- why this is fine'"),
    # The program's content standard: each rule runs only when pyproject.toml's
    # [tool.iopkit.lint.standard] sets the setting of the same name. {found} and {allowed}
    # are counts with their noun, e.g. "1 objective" and "2 to 4 objectives".
    LintRule("session-minutes", "error",
             "a session is shorter or longer than the standard allows",
             "the session lasts {found}, the standard asks for {allowed}",
             "change `minutes` and the agenda's minutes to fit"),
    LintRule("session-objectives", "error",
             "a session has fewer or more objectives than the standard allows",
             "the session has {found}, the standard asks for {allowed}",
             "add objectives, or merge some"),
    LintRule("session-worksheets", "error",
             "a session lists fewer or more worksheets than the standard allows",
             "the session lists {found}, the standard asks for {allowed}",
             "list worksheet ids under `worksheets:` (the worksheets are in the module's "
             "worksheets/ folder)"),
    LintRule("discussion-questions", "error",
             "a session has fewer or more discussion questions than the standard allows",
             "the session has {found}, the standard asks for {allowed}",
             "add discussion questions, or drop some"),
    LintRule("question-probes", "error",
             "a discussion question has fewer or more probes than the standard allows",
             "this question has {found}, the standard asks for {allowed}",
             "add follow-up questions under `probes`, or drop some"),
    LintRule("activity-steps", "error",
             "an activity has fewer or more steps than the standard allows",
             "the activity has {found}, the standard asks for {allowed}",
             "split the activity into steps of one thing each, or merge some"),
    LintRule("required-notes", "error",
             "a session lacks a facilitator note of a kind the standard requires",
             "the notes have no {missing} note, the standard asks for one of each of: "
             "{required}",
             "add a note of each missing kind under `notes` (`- kind: ...` and `text: ...`)"),
    LintRule("session-adaptations", "error",
             "a session has fewer or more adaptations than the standard allows",
             "the session has {found}, the standard asks for {allowed}",
             "add an adaptation (e.g. for telehealth or a lower reading level), or merge some"),
    LintRule("required-adaptations", "error",
             "a session lacks an adaptation the standard requires",
             "the adaptations have no {missing}",
             "add an adaptation with that title under `adaptations`, saying what changes "
             "for those clients in this session"),
    LintRule("fidelity-items", "error",
             "a fidelity checklist has fewer or more items than the standard allows",
             "the fidelity checklist has {found}, the standard asks for {allowed}",
             "add items a supervisor can see happen, or merge some"),
    LintRule("say-lines", "error",
             "a talking point has fewer or more \"say\" lines than the standard allows",
             "this talking point has {found}, the standard asks for {allowed}",
             "give the few things to get across in spoken words; move detail to `background`"),
    LintRule("say-line-words", "error",
             "a \"say\" line is longer (or shorter) than the standard allows",
             "this line has {found}, the standard asks for {allowed}",
             "say it in fewer words a facilitator can glance at; move detail to `background`"),
    LintRule("core-questions", "error",
             "a session marks fewer or more core discussion questions than the standard allows",
             "the discussion has {found}, the standard asks for {allowed}",
             "mark the questions every group must reach `priority: core`, the rest "
             "`priority: optional`"),
    LintRule("reading-words", "error",
             "a session's client reading is shorter or longer than the standard allows",
             "the reading has {found}, the standard asks for {allowed}",
             "add to the reading or cut it down, in plain words"),
    LintRule("key-points", "error",
             "a session has fewer or more key points than the standard allows",
             "the session has {found}, the standard asks for {allowed}",
             "add key points, or merge some"),
    LintRule("purpose-sentence", "error",
             "a session's client purpose is not one plain sentence ending in a full stop",
             "the purpose {found}, the standard asks for one plain sentence ending in a full stop",
             "say in one sentence what the session is for, and put the rest in the reading"),
    LintRule("module-sessions", "error",
             "a module has fewer or more sessions than the standard allows",
             "the module has {found}, the standard asks for {allowed}",
             "add sessions (`iopkit new session`), or move some to another module"),
    LintRule("module-references", "error",
             "a module lists fewer or more references than the standard allows",
             "the module lists {found}, the standard asks for {allowed}",
             "add references to the evidence behind this module (authors, year, title, "
             "published_in)"),
)}


# What a fix's placeholders read as in the table, where there is no case yet.
_TABLE_VALUES = {"rule": "RULE", "suggestion": "the words it suggests", "field": "old-id",
                 "number": "1-800-799-7233", "href": "tel:18007997233"}


def rules_table() -> str:
    """The Markdown table of rules in CONTRIBUTING.md."""
    rows = ["| rule | default | what it flags | how to fix it |", "| --- | --- | --- | --- |"]
    for rule in RULES.values():
        fix = rule.fix.format(**_TABLE_VALUES)
        rows.append(f'| <a id="rule-{rule.id}"></a>`{rule.id}` | {rule.severity} | '
                    f"{rule.flags} | {fix} |")
    return "\n".join(rows)
