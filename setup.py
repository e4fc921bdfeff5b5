"""Packaging is declared in pyproject.toml. This adds one step: a built package carries the
sample program (its site configs, hand-written pages and curriculum), which `iopkit init`
copies, so it works wherever iopkit is installed from, not only in a checkout."""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

SAMPLE = ("mkdocs.yml", "workbook.yml", "overrides", "curriculum", "modules", "locale")


class BuildWithSample(build_py):
    def run(self) -> None:
        super().run()
        target = Path(self.build_lib) / "iopkit" / "sample"
        for name in SAMPLE:
            source = Path(name)
            if source.is_dir():
                shutil.copytree(source, target / name, dirs_exist_ok=True)
            elif source.is_file():
                target.mkdir(parents=True, exist_ok=True)
                shutil.copy2(source, target / name)


setup(cmdclass={"build_py": BuildWithSample})
