"""Fixtures shared by all tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import make_project


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A throwaway copy of the project with the small fixture curriculum."""
    return make_project(tmp_path / "project")
