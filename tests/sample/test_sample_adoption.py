"""`iopkit init --sample`: the shipped curriculum, as the package carries it, is a program
to adapt; one that keeps none of its modules, only one of its own, still builds."""

from __future__ import annotations

from helpers import REPO
from test_adoption import assert_program_works, in_venv, replace_modules_with_one_of_its_own


def test_a_sample_program_with_only_its_own_module_and_focus_area_builds(fresh_venv, tmp_path):
    program = tmp_path / "clinic"
    assert in_venv(fresh_venv, tmp_path, "-m", "iopkit", "init", "--sample",
                   str(program)).returncode == 0
    shipped = sorted(p.name for p in (REPO / "modules").iterdir())
    assert len(shipped) >= 6
    assert sorted(p.name for p in (program / "modules").iterdir()) == shipped  # the whole sample
    replace_modules_with_one_of_its_own(program)
    # the sample's own focus areas may stay listed without modules: they are the program's
    assert_program_works(fresh_venv, program)
    guide_home = (program / "site/facilitator/index.html").read_text()
    assert "Early recovery skills" in guide_home
