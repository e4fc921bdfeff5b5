"""The shipped curriculum's sites, built once per session for the sample's checks."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import REPO, build_site
from iopkit.site.registry import SITES


@pytest.fixture(scope="session")
def real_sites(tmp_path_factory) -> Path:
    """Every site of the shipped curriculum, side by side as they are published."""
    out = tmp_path_factory.mktemp("sample-sites")
    for site in SITES:
        build_site(REPO, site, out / site.name)
    return out


@pytest.fixture(scope="session")
def published_url(real_sites, serve) -> str:
    """The shipped curriculum's sites served side by side, as they are published."""
    return serve(real_sites)
