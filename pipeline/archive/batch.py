"""Run an archive through the analysis: workers analyse, the parent alone writes.

Why this shape: SQLite wants one writer, and a batch must survive being killed.
The parent walks the folders, reads and hashes each file, skips hashes already
stored, and hands the bytes to an engine (a local process pool, or dask). Each
result is written in its own transaction the moment it arrives, so a kill -9
loses only the documents still in flight, and rerunning the same command picks
up where it stopped. Inputs are only ever opened for reading.
"""

from __future__ import annotations

import concurrent.futures as cf
import hashlib
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, TextIO

from pipeline import __version__
from pipeline.archive import db
from pipeline.archive.walk import walk
from pipeline.archive.worker import analyse_task, warm_up
from pipeline.reader import DEFAULT_MAX_BYTES, too_large

Task = dict[str, Any]
Result = dict[str, Any]


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


@dataclass
class Counts:
    files: int = 0  # seen by the walk
    analysed: int = 0  # stored as documents in this run
    skipped: int = 0  # already in the database (same hash), or a copy seen earlier in this run
    failed: int = 0  # error rows written in this run
    bytes: int = 0  # of the documents analysed or failed in this run
    seconds: float = 0.0
    errors: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"files": self.files, "analysed": self.analysed, "skipped": self.skipped, "failed": self.failed,
                "bytes": self.bytes, "seconds": round(self.seconds, 3)}


class Progress:
    """files/s and ETA on stderr: redrawn in place on a terminal, a line every few seconds in a log."""

    def __init__(self, total: int, stream: TextIO | None = None, enabled: bool = True):
        self.total = total
        self.stream = stream or sys.stderr
        self.enabled = enabled
        self.tty = self.enabled and self.stream.isatty()
        self.start = time.monotonic()
        self.last = 0.0
        self.done = 0
        self.work = 0  # analysed or failed (skips are instant and would inflate the rate)
        self.first: tuple[float, int] | None = None  # when the first document finished, and the count then

    def update(self, counts: Counts, force: bool = False) -> None:
        self.done = counts.analysed + counts.failed + counts.skipped
        self.work = counts.analysed + counts.failed
        now = time.monotonic()
        if not self.enabled or (not force and now - self.last < (0.2 if self.tty else 5.0)):
            return
        self.last = now
        if self.work and self.first is None:
            self.first = (now, self.work)
        # The rate counts from the first finished document: worker start-up is not throughput.
        if self.first and now - self.first[0] > 0.5:
            rate = (self.work - self.first[1]) / (now - self.first[0])
        else:
            rate = self.work / max(now - self.start, 1e-6)
        left = self.total - self.done
        eta = _clock(left / rate) if rate > 0 else "--:--"
        width = 30
        filled = int(width * self.done / self.total) if self.total else width
        bar = "█" * filled + "·" * (width - filled)
        line = (f"[{bar}] {self.done}/{self.total} 文件  {rate:.1f} 文件/s  剩余 {eta}"
                f"  (新 {counts.analysed}, 跳过 {counts.skipped}, 出错 {counts.failed})")
        self.stream.write(("\r" + line + "\x1b[K") if self.tty else line + "\n")
        self.stream.flush()

    def close(self, counts: Counts) -> None:
        self.update(counts, force=True)
        if self.tty:
            self.stream.write("\n")
            self.stream.flush()


def _clock(seconds: float) -> str:
    seconds = int(seconds)
    h, rest = divmod(seconds, 3600)
    return f"{h}:{rest // 60:02d}:{rest % 60:02d}" if h else f"{rest // 60:02d}:{rest % 60:02d}"


# ---- engines ---------------------------------------------------------------------------------

def _init_worker() -> None:
    # Ctrl-C reaches the whole process group; only the parent decides how to stop.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_exit_with_parent, args=(os.getppid(),), daemon=True).start()
    warm_up()


def _exit_with_parent(parent: int) -> None:
    """A worker whose batch was killed (kill -9 skips all clean-up) must not linger."""
    while True:
        time.sleep(0.5)
        if os.getppid() != parent:
            os._exit(1)


class LocalEngine:
    """``jobs`` worker processes on this machine; ``jobs == 1`` analyses in the parent."""

    name = "local"

    def __init__(self, jobs: int, func: Callable[[Task], Result] = analyse_task, start_method: str | None = None):
        self.jobs = max(1, jobs)
        self.start_method = start_method  # None: fork on Linux, spawn elsewhere
        self.func = func  # a module-level function (it is pickled by name to the workers)

    def results(self, tasks: Iterator[Task]) -> Iterator[Result]:
        if self.jobs == 1:
            for task in tasks:
                yield self.func(task)
            return
        yield from self._pool(tasks)

    def _pool(self, tasks: Iterator[Task]) -> Iterator[Result]:
        """Keep a bounded window of tasks in flight; survive workers that die.

        Short documents travel in small chunks (``_chunks``): one round trip to a worker
        per document cost the parent about as much as a tenth of the analysis.
        When a worker dies (killed, out of memory, a crash in a C library) every
        task in flight is suspect. The suspects are then run one at a time in a
        fresh pool: one that kills its worker alone is the culprit and gets an
        error row; the others are analysed normally.
        """
        window = self.jobs * 2  # chunks: one running and one queued per worker
        ctx = multiprocessing.get_context(self.start_method) if self.start_method else _context()
        if ctx.get_start_method() == "fork":
            warm_up()  # once here; the forked workers share jieba's dictionary and the models
        pool = cf.ProcessPoolExecutor(self.jobs, mp_context=ctx, initializer=_init_worker)
        chunks = _chunks(tasks)
        pending: dict[cf.Future, list[Task]] = {}
        suspects: list[Task] = []
        exhausted = False
        try:
            while True:
                if suspects:
                    if not pending:
                        task = suspects.pop(0)
                        pending[pool.submit(_run_chunk, self.func, [task])] = [task]
                else:
                    while len(pending) < window and not exhausted:
                        chunk = next(chunks, None)
                        if chunk is None:
                            exhausted = True
                        else:
                            pending[pool.submit(_run_chunk, self.func, chunk)] = chunk
                if not pending:
                    return
                isolated = len(pending) == 1 and any(t.get("suspect") for c in pending.values() for t in c)
                done, _ = cf.wait(pending, return_when=cf.FIRST_COMPLETED)
                broken = False
                for fut in done:
                    chunk = pending.pop(fut)
                    try:
                        results = fut.result()
                    except cf.process.BrokenProcessPool:
                        broken = True
                        if isolated:
                            yield from (_crashed(task) for task in chunk)
                        else:
                            suspects.extend(chunk)
                        continue
                    except Exception as exc:  # e.g. a result that would not pickle: those files fail, not the batch
                        if len(chunk) > 1:
                            suspects.extend(chunk)  # find which one, alone
                            continue
                        results = [_crashed(chunk[0], f"{type(exc).__name__}: {exc}")]
                    yield from results
                if broken:
                    suspects.extend(t for c in pending.values() for t in c)
                    pending.clear()
                    for task in suspects:
                        task["suspect"] = True
                    pool.shutdown(wait=False, cancel_futures=True)
                    pool = cf.ProcessPoolExecutor(self.jobs, mp_context=ctx, initializer=_init_worker)
        finally:
            pool.shutdown(wait=False, cancel_futures=True)


CHUNK_DOCS = 8  # documents per round trip to a worker, at most
CHUNK_BYTES = 64 * 1024  # a chunk closes once its files reach this size (a long report travels alone)


def _chunks(tasks: Iterator[Task]) -> Iterator[list[Task]]:
    chunk: list[Task] = []
    size = 0
    for task in tasks:
        chunk.append(task)
        size += task.get("size") or 0
        if len(chunk) >= CHUNK_DOCS or size >= CHUNK_BYTES:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


def _run_chunk(func: Callable[[Task], Result], chunk: list[Task]) -> list[Result]:
    return [func(task) for task in chunk]


def _context():
    """fork on Linux (workers start warm and share memory), spawn elsewhere.

    Forking is safe here: the parent has no threads when the pool starts (else spawn), and a
    worker never touches the inherited database handle — it only runs the
    analysis and leaves through ``os._exit``, so nothing of the parent's is closed.
    """
    if sys.platform.startswith("linux") and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")  # a threaded caller (e.g. one running dask) must not fork


def _crashed(task: Task, why: str | None = None) -> Result:
    message = (f"分析出错 / analysis failed: {why}" if why else
               "分析进程异常退出（内存不足或程序崩溃），已跳过该文件 / worker process died on this file")
    return {"path": task["path"], "sha256": task["sha256"], "size": task["size"], "mtime": task.get("mtime"),
            "error": message}


# ---- the batch -------------------------------------------------------------------------------

def read_tasks(paths: list[str], known: set[str], known_errors: set[tuple[str, str]], counts: Counts,
               options: dict[str, Any], reanalyse: bool = False,
               on_skip: Callable[[], None] | None = None) -> Iterator[Task]:
    """Read and hash each file; yield the ones that need analysing."""
    max_bytes = options.get("max_bytes") or DEFAULT_MAX_BYTES
    queued: set[str] = set()
    for path in paths:
        task = _read(path, max_bytes)
        task["options"] = options
        sha = task["sha256"]
        if not reanalyse and (sha in known or (path, sha) in known_errors) or sha in queued:
            counts.skipped += 1
            if on_skip:
                on_skip()
            continue
        queued.add(sha)
        yield task


def _read(path: str, max_bytes: int) -> Task:
    """A task with the file's bytes, or with ``error`` when it cannot be read at all."""
    try:
        st = os.stat(path)
        if not os.path.isfile(path):
            raise IsADirectoryError(path)
        if st.st_size > max_bytes:
            h = hashlib.sha256()
            with open(path, "rb") as fh:
                for chunk in iter(lambda: fh.read(1 << 20), b""):
                    h.update(chunk)
            return {"path": path, "sha256": h.hexdigest(), "size": st.st_size, "mtime": st.st_mtime,
                    "error": too_large(st.st_size, max_bytes, path)}
        with open(path, "rb") as fh:
            data = fh.read()
        return {"path": path, "data": data, "sha256": hashlib.sha256(data).hexdigest(), "size": len(data),
                "mtime": st.st_mtime}
    except OSError as exc:
        # No content to hash: key the error row on the path alone.
        return {"path": path, "sha256": "unreadable:" + hashlib.sha256(path.encode()).hexdigest(), "size": None,
                "mtime": None, "error": f"无法读取 / cannot read {path}: {exc.strerror or exc}"}


def run_batch(paths: Iterable[str], db_path: str, jobs: int | None = None, engine: Any = "local",
              scheduler: str | None = None, options: dict[str, Any] | None = None, reanalyse: bool = False,
              progress: bool = True, stream: TextIO | None = None, create: bool = False) -> Counts:
    """Analyse every document under ``paths`` into ``db_path``; safe to interrupt and rerun.

    ``engine`` is "local", "dask" or an object with ``results(tasks)`` (tests pass a
    dask engine bound to a LocalCluster).
    """
    from pipeline.archive import crossdoc

    paths = list(paths)
    jobs = jobs or default_jobs()
    files = list(walk(paths))
    target = os.path.realpath(db_path)
    if any(os.path.realpath(f) == target for f in files):
        raise db.SchemaError(f"数据库文件不能是待分析的材料 / the database would overwrite an input: {db_path}")
    conn = db.connect(db_path, create=create)
    counts = Counts(files=len(files))
    # Tests slow the writer down so that a kill or Ctrl-C lands mid-run however fast the machine is.
    pause = float(os.environ.get("REPORT_LINT_TEST_STORE_PAUSE") or 0)
    runner = make_engine(engine, jobs, scheduler) if isinstance(engine, str) else engine
    run_id = db.start_run(conn, runner.name, jobs, paths, __version__)
    started = time.perf_counter()
    bar = Progress(len(files), stream, enabled=progress)
    status = "interrupted"
    try:
        known = db.known_hashes(conn)
        known_err = db.known_errors(conn)
        tasks = read_tasks(files, known, known_err, counts, options or {}, reanalyse,
                           on_skip=lambda: bar.update(counts))
        results = runner.results(tasks)
        try:
            for res in results:
                doc_id = db.store_result(conn, res, replace=reanalyse)
                if res.get("error"):
                    counts.failed += 1
                    counts.errors.append(f"{res['path']}: {res['error']}")
                elif doc_id is not None:
                    counts.analysed += 1
                else:
                    counts.skipped += 1
                counts.bytes += res.get("size") or 0
                bar.update(counts)
                if pause:
                    time.sleep(pause)
        finally:
            close = getattr(results, "close", None)
            if close:
                close()
        crossdoc.recompute(conn)
        status = "done"
    finally:
        counts.seconds = time.perf_counter() - started
        bar.close(counts)
        try:
            db.finish_run(conn, run_id, status, counts.as_dict())
        finally:
            conn.close()
    return counts


def make_engine(engine: str, jobs: int, scheduler: str | None):
    if engine == "local":
        return LocalEngine(jobs)
    if engine == "dask":
        from pipeline.archive.dask import DaskEngine

        return DaskEngine(scheduler, jobs)
    raise ValueError(f"unknown engine {engine!r}")
