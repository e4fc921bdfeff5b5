"""Problems found in content: what is wrong, where, and how to fix it.

Every stage reports problems the same way, so editors read one format whether the
YAML would not parse, a key was misspelt or a cross-check failed.
"""

from __future__ import annotations

from dataclasses import dataclass
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


class ContentError(Exception):
    """Raised when content has errors; carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__(format_problems(self.problems))


def errors_in(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == "error"]


def format_problems(problems: list[Problem]) -> str:
    lines = [p.as_text() for p in sorted(problems)]
    errors = len(errors_in(problems))
    warnings = len(problems) - errors
    lines.append(f"{errors} error(s), {warnings} warning(s)")
    return "\n".join(lines)
