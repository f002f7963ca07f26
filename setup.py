"""Build step: the wheel carries the run-time files of the top-level ``models/`` and ``corpora/``.

The repository keeps trained models and the project's corpora at the top level, where their
sources, cards and training scripts live. A wheel (``pip install .``) must still find them, so
the build copies them into ``pipeline/_data/`` inside the wheel: every file of ``models/`` (the
weights with their model cards) and the top-level files of ``corpora/`` (taxonomy, user
dictionary; not the training reports or sample drafts). Editable installs read the top-level
folders directly and copy nothing. ``pipeline.resources`` looks in ``_data`` first.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent


def runtime_files() -> list[Path]:
    files = [p for p in (HERE / "models").rglob("*") if p.is_file()]
    files += [p for p in (HERE / "corpora").iterdir() if p.is_file()]
    return sorted(files)


class BuildWithData(build_py):
    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return
        target = Path(self.build_lib) / "pipeline" / "_data"
        for src in runtime_files():
            dst = target / src.relative_to(HERE)
            dst.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dst)


setup(cmdclass={"build_py": BuildWithData})
