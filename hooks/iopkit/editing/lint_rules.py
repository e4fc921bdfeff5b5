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
    LintRule("person-first", "error",
             "a stigmatizing word such as \"addict\", \"abuser\", \"substance abuse\", or "
             "\"clean\"/\"dirty\" for a test result",
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
    LintRule("allow-reason", "error",
             "a `# iopkit-lint: allow RULE` comment gives no reason",
             "an allow comment for {rule} gives no reason",
             "write it as '# iopkit-lint: allow {rule} -- why this is fine'"),
)}


# What a fix's placeholders read as in the table, where there is no case yet.
_TABLE_VALUES = {"rule": "RULE", "suggestion": "the words it suggests"}


def rules_table() -> str:
    """The Markdown table of rules in CONTRIBUTING.md."""
    rows = ["| rule | default | what it flags | how to fix it |", "| --- | --- | --- | --- |"]
    for rule in RULES.values():
        fix = rule.fix.format(**_TABLE_VALUES)
        rows.append(f'| <a id="rule-{rule.id}"></a>`{rule.id}` | {rule.severity} | '
                    f"{rule.flags} | {fix} |")
    return "\n".join(rows)
