"""Tool tests run on fixtures: only tests/sample/ may read the curriculum this repository
ships (its top-level modules/ and curriculum/), so a program that replaces the sample
content keeps passing iopkit's own tests, and editing a sample session breaks no tool test.

The guard reads each test file's code for the usual ways of reaching that content: a path
`REPO / "modules..."` or `REPO / "curriculum..."` (the hand-written site pages in
curriculum/guide and curriculum/workbook excepted: every project copies them), REPO given
to a call that reads a program (load_curriculum(REPO), make_project(..., REPO), ...), and
REPO among a test's parameters. It sees what is written plainly, not every way a path could
be built.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
SAMPLE = TESTS / "sample"
# Calls that read a program's curriculum from the folder they are given.
READS_A_PROGRAM = {"load_curriculum", "check_curriculum", "make_project", "build_site",
                   "run_iopkit", "render_audience", "lint", "read_all_yaml", "curriculum_yaml"}
SHIPPED = re.compile(r"(modules|curriculum)(/(?!guide\b|workbook\b).*)?")


def _is_repo(node: ast.AST) -> bool:
    return isinstance(node, ast.Name) and node.id == "REPO"


def _repo_path(node: ast.AST) -> str | None:
    """'a/b' for REPO / "a" / "b"; None for anything else."""
    parts: list[str] = []
    while isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div):
        if not (isinstance(node.right, ast.Constant) and isinstance(node.right.value, str)):
            return None
        parts.insert(0, node.right.value)
        node = node.left
    return "/".join(parts) if _is_repo(node) and parts else None


def _name(func: ast.AST) -> str:
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


def shipped_curriculum_reads(source: str) -> list[tuple[int, str]]:
    """(line, what) for each place the code reads the shipped curriculum."""
    tree = ast.parse(source)
    # Only whole paths: REPO / "curriculum" / "guide" is not REPO / "curriculum".
    inner = {id(node.left) for node in ast.walk(tree)
             if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div)}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.BinOp) and id(node) not in inner:
            path = _repo_path(node)
            if path is not None and SHIPPED.fullmatch(path):
                found.append((node.lineno, f'REPO / "{path}"'))
        elif isinstance(node, ast.Call) and _name(node.func) in READS_A_PROGRAM:
            if any(_is_repo(arg) for arg in [*node.args, *(k.value for k in node.keywords)]):
                found.append((node.lineno, f"{_name(node.func)}(...REPO...)"))
        elif isinstance(node, ast.Call) and _name(node.func) == "parametrize":
            if any(_is_repo(inside) for arg in node.args for inside in ast.walk(arg)):
                found.append((node.lineno, "parametrize(..., [REPO, ...])"))
    return sorted(found)


def test_no_test_outside_tests_sample_reads_the_shipped_curriculum():
    found = [f"{path.relative_to(TESTS.parent)}:{line}: {what}"
             for path in sorted(TESTS.rglob("*.py")) if SAMPLE not in path.parents
             for line, what in shipped_curriculum_reads(path.read_text(encoding="utf-8"))]
    assert found == [], (
        "these tests read the curriculum this repository ships (modules/, curriculum/). A test "
        "of iopkit runs on a fixture: make_project(tmp_path / 'p', FIXTURES / 'program') or "
        "load_curriculum(FIXTURES / 'program'); a check of the sample content itself belongs "
        "in tests/sample/:\n" + "\n".join(found))


@pytest.mark.parametrize("code", [
    "CURRICULUM, _ = load_curriculum(REPO)",
    "CURRICULUM, PROBLEMS = check_curriculum(REPO)",
    'GOOD = (REPO / "modules/relapse-prevention/01-mapping-relapse-triggers.yml").read_bytes()',
    'files = sorted((REPO / "modules").rglob("*.yml"))',
    'tracks = (REPO / "curriculum" / "tracks").glob("*.yml")',
    'program = REPO / "curriculum/program.yml"',
    'root = make_project(tmp_path / "project", REPO)',
    'root = make_project(tmp_path / "project", content=REPO)',
    "build_site(REPO, site, out / site.name)",
    'result = run_iopkit(REPO, "schedule", "--track", "daytime")',
    "site, _ = render_audience(REPO, audience)",
    '@pytest.mark.parametrize("content", [REPO, FIXTURES / "minimal"])\ndef test(content): pass',
])
def test_the_guard_sees_each_way_of_reading_the_shipped_curriculum(code):
    assert len(shipped_curriculum_reads(code)) == 1


def test_the_guard_lets_fixtures_and_the_site_setup_through():
    code = "\n".join([
        'curriculum, _ = load_curriculum(FIXTURES / "program")',
        'root = make_project(tmp_path / "project", FIXTURES / "program")',
        'result = run_iopkit(project, "validate")',
        'pages = REPO / "curriculum/workbook"',  # the sites' hand-written pages
        'guide = REPO / "curriculum" / "guide" / "about.md"',
        'schema = REPO / "schemas" / "session.schema.json"',
        'starter = REPO / "hooks/iopkit/editing/starter/modules/getting-started"',
    ])
    assert shipped_curriculum_reads(code) == []
