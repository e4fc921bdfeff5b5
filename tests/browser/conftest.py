"""Browser tests: the Client Workbook's behaviour, on the fixture program's sites (built
once per session, side by side as they are published) served on 127.0.0.1. The browser,
server and phone fixtures are in tests/conftest.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import FIXTURES, build_all_sites, make_project, run_iopkit, translate_for_tests


@pytest.fixture(scope="session")
def program_sites(tmp_path_factory) -> Path:
    """Every site of the fixture program, side by side as they are published."""
    root = make_project(tmp_path_factory.mktemp("program") / "project", FIXTURES / "program")
    return build_all_sites(root, tmp_path_factory.mktemp("published"))


@pytest.fixture(scope="session")
def published_url(program_sites, serve) -> str:
    return serve(program_sites)


@pytest.fixture(scope="session")
def spanish_url(tmp_path_factory, serve) -> str:
    """The fixture program with a (made-up) complete Spanish workbook, built by the CLI."""
    root = make_project(tmp_path_factory.mktemp("spanish-browser") / "project", FIXTURES / "program")
    translate_for_tests(root)
    result = run_iopkit(root, "build")
    assert result.returncode == 0, result.stderr
    return serve(root / "site")
