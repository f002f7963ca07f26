"""Find the documents of an archive: folders are searched, files pass through.

Readable formats (.txt, .md, .docx) are analysed. Old Word/WPS and PDF files are
listed too, so that each gets an error row telling the user to convert it: an
archive report that silently leaves out the .doc years would mislead. Hidden
files and Word's ``~$`` lock files are not documents and are left out.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

READABLE = {".txt", ".md", ".docx"}
UNSUPPORTED = {".doc", ".wps", ".rtf", ".pdf"}
WALKED = READABLE | UNSUPPORTED


def is_candidate(name: str) -> bool:
    if name.startswith((".", "~$")):
        return False
    return os.path.splitext(name)[1].lower() in WALKED


def walk(paths: Iterable[str]) -> Iterator[str]:
    """Every document path under ``paths`` in a stable order, each once."""
    seen: set[str] = set()
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            for root, dirs, files in os.walk(p, followlinks=False):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if is_candidate(name):
                        full = os.path.join(root, name)
                        key = os.path.realpath(full)
                        if key not in seen:
                            seen.add(key)
                            yield full
        else:  # a file named explicitly is always tried (a missing one becomes an error row)
            key = os.path.realpath(raw)
            if key not in seen:
                seen.add(key)
                yield raw
