"""Where the project's shipped files live (``corpora/`` and ``models/``).

In the repository (and an editable install) they are the top-level folders beside
``pipeline/``; a wheel carries copies in ``pipeline/_data/`` (see ``setup.py``);
``REPORT_LINT_HOME`` points elsewhere for relocated installs.
"""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
REPOSITORY = PACKAGE.parent


def home() -> Path:
    env = os.environ.get("REPORT_LINT_HOME")
    if env:
        return Path(env)
    bundled = PACKAGE / "_data"
    return bundled if (bundled / "models").is_dir() else REPOSITORY


def corpora_dir() -> Path:
    return home() / "corpora"


def models_dir() -> Path:
    return home() / "models"


def shared_dir() -> Path | None:
    """``../shared`` beside the checkout (development and CI only)."""
    cand = REPOSITORY.parent / "shared"
    return cand if cand.is_dir() else None
