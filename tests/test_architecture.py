"""The package's shape, as promised in the README: layers that are enforced, page paths that
need no rendering, and library code that never talks to the terminal."""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import FIXTURES, REPO
from iopkit.content.validate import load_curriculum
from iopkit.site.audience import select_audience
from iopkit.site.paths import generated_pages
from iopkit.site.registry import AUDIENCES
from iopkit.site.render import render_site

PACKAGE = REPO / "hooks" / "iopkit"
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def lint_imports(package_parent: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(package_parent)}
    return subprocess.run([str(LINT_IMPORTS), "--no-cache", "--config",
                           str(REPO / "pyproject.toml")], cwd=package_parent,
                          capture_output=True, text=True, env=env, timeout=120)


def test_the_layer_contracts_hold_and_catch_an_upward_import(tmp_path):
    assert LINT_IMPORTS.is_file(), "import-linter is a test dependency (pip install '.[test]')"
    copy = tmp_path / "pkg"
    shutil.copytree(PACKAGE, copy / "iopkit", ignore=shutil.ignore_patterns("__pycache__"))
    kept = lint_imports(copy)
    assert kept.returncode == 0, kept.stdout + kept.stderr
    # content is below site: validation must not learn about pages
    validate = copy / "iopkit" / "content" / "validate.py"
    validate.write_text(validate.read_text() + "\nfrom ..site.paths import page_url  # planted\n")
    broken = lint_imports(copy)
    assert broken.returncode == 1
    assert "iopkit.content is not allowed to import iopkit.site" in broken.stdout


def _prints_or_writes_to_terminal(tree: ast.AST) -> list[int]:
    lines = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Name) and func.id == "print":
                lines.append(node.lineno)
            elif (isinstance(func, ast.Attribute) and isinstance(func.value, ast.Attribute)
                  and isinstance(func.value.value, ast.Name) and func.value.value.id == "sys"
                  and func.value.attr in ("stdout", "stderr")):
                lines.append(node.lineno)
    return lines


def test_only_the_cli_talks_to_the_terminal():
    found = []
    for module in sorted(PACKAGE.rglob("*.py")):
        if module.name == "cli.py" and module.parent == PACKAGE:
            continue
        lines = _prints_or_writes_to_terminal(ast.parse(module.read_text(encoding="utf-8")))
        found += [f"{module.relative_to(REPO)}:{line}" for line in lines]
    assert found == [], "library code returns, raises or logs; only cli.py prints"


@pytest.mark.parametrize("audience", AUDIENCES)
@pytest.mark.parametrize("content", [FIXTURES / "program", FIXTURES / "minimal"],
                         ids=["program", "minimal"])
def test_page_paths_are_known_without_rendering(content, audience):
    curriculum, _ = load_curriculum(content)
    rendered = render_site(select_audience(curriculum, audience), audience)
    assert generated_pages(curriculum, audience) == list(rendered.pages)
