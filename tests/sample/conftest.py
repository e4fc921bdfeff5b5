"""The shipped curriculum's sites, built once per session for the sample's checks."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import REPO, build_all_sites


@pytest.fixture(scope="session")
def real_sites(tmp_path_factory) -> Path:
    """Every site of the shipped curriculum, side by side as they are published."""
    return build_all_sites(REPO, tmp_path_factory.mktemp("sample-sites"))


@pytest.fixture(scope="session")
def published_url(real_sites, serve) -> str:
    """The shipped curriculum's sites served side by side, as they are published."""
    return serve(real_sites)
