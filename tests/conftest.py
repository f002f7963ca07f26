"""Shared fixtures; tests that need ../shared skip with a reason when it is absent."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")


def shared_path(*parts: str) -> Path:
    p = SHARED.joinpath(*parts)
    if not p.exists():
        pytest.skip(f"needs ../shared/{'/'.join(parts)} (development data, absent on users' machines)")
    return p


@pytest.fixture
def seed_text() -> str:
    return shared_path("seed", "exchange_material.txt").read_text(encoding="utf-8")


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def lint_with_config(folder: Path, cfg: str, files: dict[str, str]) -> subprocess.CompletedProcess:
    """``report-lint lint`` on a one-line draft in ``folder``, whose setup.cfg holds ``cfg`` under
    [report-lint] and names the ``files`` written beside it."""
    write(folder / "setup.cfg", "[report-lint]\n" + cfg + "\n")
    for name, text in files.items():
        write(folder / name, text)
    draft = write(folder / "draft.txt", "推进工作。\n")
    return subprocess.run([sys.executable, "-m", "pipeline.cli", "lint", str(draft)], capture_output=True,
                          text=True, cwd=ROOT)
