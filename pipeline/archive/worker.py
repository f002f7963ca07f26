"""The per-document function every engine runs: bytes in, a plain dict out.

The parent reads each file once (it needs the hash to skip known documents)
and ships the bytes, so a worker needs no access to the archive's filesystem —
the same function runs in a local process pool and on a dask cluster. The
result holds only str/int/float/list/dict, so it pickles cheaply and could be
written as JSON. A file that cannot be read, or whose analysis fails, comes
back as an error result; nothing here raises.
"""

from __future__ import annotations

import hashlib
import os
import signal
import threading
import time
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, fields
from typing import Any

from pipeline import __version__
from pipeline.config import Options
from pipeline.document import Document
from pipeline.reader import DEFAULT_MAX_BYTES, InputError, read_bytes

OPTION_KEYS = ("select", "ignore", "encoding", "max_bytes", "dimensions", "min_severity", "units", "approx_markers")


def options_dict(opts: Options) -> dict[str, Any]:
    """The analysis options a worker needs, as plain data."""
    return {k: v for k, v in asdict(opts).items() if k in OPTION_KEYS}


def options_from(data: dict[str, Any] | None) -> Options:
    names = {f.name for f in fields(Options)}
    return Options(**{k: v for k, v in (data or {}).items() if k in names})


def file_task(path: str, options: dict[str, Any] | None = None) -> dict[str, Any]:
    """Read a file into a task (used by tests and by engines that read on the worker)."""
    with open(path, "rb") as fh:
        data = fh.read()
    st = os.stat(path)
    return {"path": path, "data": data, "sha256": hashlib.sha256(data).hexdigest(), "size": len(data),
            "mtime": st.st_mtime, "options": options or {}}


def document_from_bytes(path: str, data: bytes, encoding: str | None = None,
                        max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """The plain reader on bytes already read: the same checks, messages and Word reading (auto-numbered
    labels, tables, the zip guard; .doc/.wps through LibreOffice where it is installed)."""
    return read_bytes(data, path, encoding, max_bytes)


def analyse_task(task: dict[str, Any]) -> dict[str, Any]:
    """Analyse one document; never raises (failures become an ``error`` entry)."""
    from pipeline.archive import meta, metrics
    from pipeline.lint import analyse
    from pipeline.output.jsonout import file_dict

    path = task["path"]
    base = {"path": path, "sha256": task["sha256"], "size": task["size"], "mtime": task.get("mtime")}
    if task.get("error"):  # the parent could not even read it
        return {**base, "error": task["error"]}
    started = time.perf_counter()
    limit = (task.get("options") or {}).get("timeout")
    try:
        opts = options_from(task.get("options"))
        with time_limit(limit):
            doc = document_from_bytes(path, task["data"], opts.encoding, opts.max_bytes)
            analyse(doc, opts)
        out = file_dict(doc)
        paragraphs = out["paragraphs"]
        m = meta.document_meta(path, [p["text"] for p in paragraphs])
        return {
            **base,
            "source": doc.source,
            "encoding": doc.encoding,
            "title": m.title,
            "issuer": m.issuer,
            "year": m.year,
            "period": m.period,
            "genre": out["genre"],
            "chars": len(doc.text),
            "stages": sorted(doc.done),
            "tool_version": __version__,
            "paragraphs": paragraphs,
            "claims": out["claims"],
            "findings": out["findings"],
            "metrics": metrics.records(out["claims"], paragraphs),
            "seconds": round(time.perf_counter() - started, 4),
        }
    except InputError as exc:
        return {**base, "error": str(exc)}
    except DocumentTimeout:
        return {**base, "error": f"分析超时（超过 {limit:g} 秒），已跳过；可用 --timeout 调高上限"
                                 f" / analysis timed out after {limit:g} s"}
    except Exception as exc:  # a bug on one odd document must not stop an archive of thousands
        where = traceback.extract_tb(exc.__traceback__)[-1]
        return {**base, "error": f"分析出错 / analysis failed: {type(exc).__name__}: {exc}"
                                 f" ({os.path.basename(where.filename)}:{where.lineno})"}


class DocumentTimeout(Exception):
    """One document ran past ``batch --timeout``."""


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise DocumentTimeout in this thread after ``seconds`` (a no-op off the main thread, where
    signals cannot be delivered, e.g. in a threaded dask worker)."""
    if not seconds or threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def expire(signum, frame):
        raise DocumentTimeout()

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def analyse_path(path: str, options: dict[str, Any] | None = None) -> dict[str, Any]:
    """Path in, result out (for callers that have no bytes yet); unreadable files become errors."""
    try:
        task = file_task(path, options)
    except OSError as exc:
        return {"path": path, "sha256": "unreadable:" + hashlib.sha256(path.encode()).hexdigest(), "size": None,
                "mtime": None, "error": f"无法读取 / cannot read {path}: {exc.strerror or exc}"}
    return analyse_task(task)


def warm_up() -> None:
    """Load jieba and every stage once, so the first real document is not slow."""
    from pipeline.lint import analyse

    analyse(Document("青岚县人民政府办公室2025年工作总结\n一、全年编发《政务信息》54期。"), Options())
