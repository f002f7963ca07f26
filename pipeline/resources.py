"""Where the project's shipped files live (``corpora/`` and ``models/``).

The package is installed in editable mode from the repository, so these sit
next to it; ``REPORT_LINT_HOME`` points elsewhere for relocated installs.
"""

from __future__ import annotations

import os
from pathlib import Path


def home() -> Path:
    env = os.environ.get("REPORT_LINT_HOME")
    if env:
        return Path(env)
    return Path(__file__).resolve().parent.parent


def corpora_dir() -> Path:
    return home() / "corpora"


def models_dir() -> Path:
    return home() / "models"


def shared_dir() -> Path | None:
    """``../shared`` beside the checkout (development and CI only)."""
    cand = home().parent / "shared"
    return cand if cand.is_dir() else None
