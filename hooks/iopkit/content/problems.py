"""Problems found in content: what is wrong, where, and how to fix it.

Every stage reports problems the same way, so editors read one format whether the
YAML would not parse, a key was misspelt or a cross-check failed.
"""

from __future__ import annotations

import difflib
import json
from dataclasses import asdict, dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Problem:
    path: str  # relative to the project root, with forward slashes
    line: int  # 1-based; 0 when the problem concerns the whole file
    col: int  # 1-based
    message: str
    severity: Severity = "error"

    def as_text(self) -> str:
        where = f"{self.path}:{self.line}:{self.col}" if self.line else self.path
        label = "" if self.severity == "error" else f"{self.severity}: "
        return f"{where}: {label}{self.message}"

    def as_github(self) -> str:
        """A GitHub Actions annotation, shown on the pull request's line."""
        def escape(text: str, extra: str = "") -> str:
            text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
            return text.replace(":", "%3A").replace(",", "%2C") if extra else text
        where = f"file={escape(self.path, 'property')}"
        if self.line:
            where += f",line={self.line},col={self.col}"
        return f"::{self.severity} {where}::{escape(self.message)}"


class ContentError(Exception):
    """Raised when content has errors; carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__(format_problems(self.problems))


def errors_in(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == "error"]


def did_you_mean(word: str, choices: list[str]) -> str:
    """"; did you mean 'x'?" for the closest choice, or "" when none is close."""
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


OutputFormat = Literal["text", "github", "json"]
FORMATS: tuple[OutputFormat, ...] = ("text", "github", "json")


def format_problems(problems: list[Problem], output: OutputFormat = "text") -> str:
    ordered = sorted(problems)
    if output == "json":
        return json.dumps([asdict(p) for p in ordered], indent=2, ensure_ascii=False)
    if output == "github":
        return "\n".join(p.as_github() for p in ordered)
    errors = len(errors_in(problems))
    lines = [p.as_text() for p in ordered]
    lines.append(f"{errors} error(s), {len(problems) - errors} warning(s)")
    return "\n".join(lines)
