"""The archive batch survives kill -9 and Ctrl-C: rerunning stores every document exactly once."""

from __future__ import annotations

import hashlib
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import make_archive  # noqa: E402


def _snapshot(folder: Path) -> dict[str, tuple[str, float]]:
    out = {}
    for p in sorted(folder.rglob("*")):
        if p.is_file():
            out[str(p)] = (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime)
    return out


def _count(db: Path) -> int:
    """Documents stored so far, read the way a second user would while the batch runs."""
    if not db.exists():
        return 0
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
        try:
            return conn.execute("SELECT count(*) FROM documents").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.OperationalError:  # not created yet, or the schema is being written
        return 0


def _batch_cmd(archive: Path, db: Path) -> list[str]:
    return [sys.executable, "-m", "pipeline.cli", "batch", str(archive), "--db", str(db), "--jobs", "2"]


def _start(archive: Path, db: Path, log: Path) -> subprocess.Popen:
    # the writer pauses after each document, so a kill or Ctrl-C lands mid-run however fast (or
    # loaded) the machine is: 200 documents take at least 200 x 0.1 s
    env = dict(os.environ, PYTHONPATH=str(ROOT), REPORT_LINT_TEST_STORE_PAUSE="0.1")
    return subprocess.Popen(_batch_cmd(archive, db), cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                            stderr=open(log, "wb"), start_new_session=True)


def _wait_for(db: Path, proc: subprocess.Popen, at_least: int, timeout: float = 120) -> int:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        n = _count(db)
        if n >= at_least or proc.poll() is not None:
            return n
        time.sleep(0.01)
    raise AssertionError("batch made no progress")


def _group_gone(pgid: int, timeout: float = 15) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            os.killpg(pgid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.1)
    return False


@pytest.mark.slow
def test_kill_and_resume_stores_every_document_once(tmp_path):
    archive = tmp_path / "archive"
    manifest = make_archive.make(archive, count=200, seed=11)
    good, broken = manifest["good"], manifest["broken"]
    assert len(good) >= 200 and len(broken) >= 5
    before = _snapshot(archive)
    db = tmp_path / "archive.sqlite"

    # 1. kill -9 the batch once it has stored a few documents
    proc = _start(archive, db, tmp_path / "run1.log")
    try:
        stored = _wait_for(db, proc, 8)
        assert proc.poll() is None, "the batch finished before it could be killed"
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
        # worker processes notice their parent is gone and exit on their own
        assert _group_gone(proc.pid), "worker processes outlived the killed batch"
    finally:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    killed_at = _count(db)
    assert stored <= killed_at < len(good), f"kill was not mid-run ({killed_at} of {len(good)})"
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()

    # 2. Ctrl-C a rerun: it stops cleanly, keeps what it stored, and says how to resume
    proc = _start(archive, db, tmp_path / "run2.log")
    try:
        _wait_for(db, proc, killed_at + 5)
        assert proc.poll() is None, "the rerun finished before it could be interrupted"
        os.kill(proc.pid, signal.SIGINT)
        assert proc.wait(timeout=60) == 130
        assert "重新运行" in (tmp_path / "run2.log").read_text(encoding="utf-8")
        assert killed_at + 5 <= _count(db) < len(good), "Ctrl-C was not mid-run"
    finally:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass

    # 3. the same command again finishes the job
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    done = subprocess.run(_batch_cmd(archive, db), cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]

    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    rows = conn.execute("SELECT sha256, count(*) FROM documents GROUP BY sha256").fetchall()
    assert all(n == 1 for _, n in rows)
    stored_hashes = {h for h, _ in rows}
    for rel in good:
        h = hashlib.sha256((archive / rel).read_bytes()).hexdigest()
        assert h in stored_hashes, f"{rel} missing from the database"
    assert len(stored_hashes) == len(good)
    errors = {r[0]: r[1] for r in conn.execute("SELECT path, message FROM errors")}
    for rel in broken:
        assert str(archive / rel) in errors, f"no error row for {rel}"
    assert len(errors) == len(broken)
    assert not any("lock" in p for p in errors)  # Word's ~$ lock file is not a document
    # every document was analysed completely: its paragraphs are there
    empty = conn.execute("SELECT count(*) FROM documents d WHERE NOT EXISTS"
                         " (SELECT 1 FROM paragraphs p WHERE p.document_id = d.id)").fetchone()[0]
    assert empty == 0
    statuses = [r[0] for r in conn.execute("SELECT status FROM runs ORDER BY id")]
    assert statuses[0] == "running"  # the killed run never got to say otherwise
    assert statuses[-1] == "done"
    conn.close()

    # 4. nothing new the next time, and the inputs were never touched
    again = subprocess.run(_batch_cmd(archive, db), cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert again.returncode == 0
    assert "新入库 0" in again.stderr
    assert _snapshot(archive) == before
