"""The archive database: a versioned SQLite schema written by one process.

The schema version lives in ``PRAGMA user_version``; ``MIGRATIONS`` is an
ordered list and opening a database applies the missing steps, each in its own
transaction, so an old archive is upgraded instead of silently misread. A
database written by a newer report-lint is refused rather than guessed at.
WAL journalling keeps readers (the report) working while a batch writes, and
every document is stored in one transaction, so a killed batch leaves whole
documents or nothing.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

SCHEMA_V1 = """
CREATE TABLE documents (
    id            INTEGER PRIMARY KEY,
    path          TEXT NOT NULL,           -- as given on the command line (first path seen)
    sha256        TEXT NOT NULL UNIQUE,    -- of the file's bytes; the identity of a document
    size          INTEGER NOT NULL,        -- bytes
    mtime         REAL,                    -- file modification time (seconds since epoch)
    source        TEXT,                    -- txt | docx
    encoding      TEXT,
    title         TEXT,                    -- first paragraph when it reads like a title
    issuer        TEXT,                    -- 发文单位, from the title or file name
    year          INTEGER,                 -- the year the report covers
    period        TEXT,                    -- 年度 | 上半年 | ... (from the title)
    chars         INTEGER,
    n_paragraphs  INTEGER,
    stages        TEXT,                    -- pipeline stages that ran, comma separated
    tool_version  TEXT,
    seconds       REAL,                    -- analysis time in the worker
    analysed_at   TEXT NOT NULL
);
CREATE INDEX documents_issuer_year ON documents(issuer, year);

CREATE TABLE paragraphs (
    document_id   INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx           INTEGER NOT NULL,
    line          INTEGER NOT NULL,
    end_line      INTEGER NOT NULL,
    text          TEXT NOT NULL,
    section       TEXT,
    dimension     TEXT,
    confidence    REAL,
    PRIMARY KEY (document_id, idx)
) WITHOUT ROWID;

CREATE TABLE claims (
    document_id   INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx           INTEGER NOT NULL,
    metric        TEXT,
    value         REAL,
    unit          TEXT,
    line          INTEGER,
    data          TEXT NOT NULL,           -- the full claim record as JSON
    PRIMARY KEY (document_id, idx)
) WITHOUT ROWID;

-- Per-document findings (document_id set, related_document_id NULL) and
-- cross-document ones (RL7xx: both set; recomputed after every batch).
CREATE TABLE findings (
    id                  INTEGER PRIMARY KEY,
    document_id         INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    related_document_id INTEGER REFERENCES documents(id) ON DELETE CASCADE,
    code                TEXT NOT NULL,
    rule                TEXT NOT NULL,
    severity            TEXT NOT NULL,
    line                INTEGER,
    col                 INTEGER,
    end_line            INTEGER,
    end_col             INTEGER,
    related_line        INTEGER,
    message             TEXT NOT NULL,
    excerpt             TEXT,
    suggestion          TEXT
);
CREATE INDEX findings_document ON findings(document_id);
CREATE INDEX findings_related ON findings(related_document_id);
CREATE INDEX findings_code ON findings(code);

-- Metric values a document states, normalised for comparison across years.
CREATE TABLE metrics (
    document_id   INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    metric        TEXT NOT NULL,
    value         REAL NOT NULL,
    unit          TEXT NOT NULL,
    change_kind   TEXT,                    -- pct | abs | pp (较上年增长20% / 增加5件 / 提高2个百分点)
    change_value  REAL,                    -- signed: a decrease is negative
    change_digits INTEGER,                 -- decimals the change was written with
    line          INTEGER,
    excerpt       TEXT
);
CREATE INDEX metrics_document ON metrics(document_id);
CREATE INDEX metrics_metric ON metrics(metric);

-- Files that could not be analysed; one row per (path, content).
CREATE TABLE errors (
    id            INTEGER PRIMARY KEY,
    path          TEXT NOT NULL,
    sha256        TEXT NOT NULL,
    size          INTEGER,
    message       TEXT NOT NULL,
    at            TEXT NOT NULL,
    UNIQUE (path, sha256)
);

CREATE TABLE runs (
    id            INTEGER PRIMARY KEY,
    started       TEXT NOT NULL,
    finished      TEXT,
    status        TEXT NOT NULL,           -- running | done | interrupted (a killed run stays running)
    engine        TEXT,
    jobs          INTEGER,
    inputs        TEXT,                    -- JSON list of the paths given
    files         INTEGER DEFAULT 0,
    analysed      INTEGER DEFAULT 0,
    skipped       INTEGER DEFAULT 0,
    failed        INTEGER DEFAULT 0,
    tool_version  TEXT
);
"""


def run_script(conn: sqlite3.Connection, script: str) -> None:
    """Execute statements one by one inside the caller's transaction (executescript would commit)."""
    stmt = ""
    for line in script.splitlines(keepends=True):
        stmt += line
        if sqlite3.complete_statement(stmt):
            conn.execute(stmt)
            stmt = ""
    if stmt.strip():
        raise ValueError(f"incomplete SQL statement: {stmt!r}")


def _v1(conn: sqlite3.Connection) -> None:
    run_script(conn, SCHEMA_V1)


def _v2_genre(conn: sqlite3.Connection) -> None:
    """The document's genre (pipeline.genre): 工作总结, 讲话稿, 政府工作报告 …; NULL for documents
    stored before it was recognised."""
    run_script(conn, """
ALTER TABLE documents ADD COLUMN genre TEXT;
ALTER TABLE documents ADD COLUMN genre_confidence REAL;
ALTER TABLE documents ADD COLUMN office INTEGER;  -- 1: an office report (RL6xx/RL703 apply), 0: not
""")


# Ordered; entry i upgrades a database from version i to i + 1. Append, never edit.
MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [_v1, _v2_genre]
SCHEMA_VERSION = len(MIGRATIONS)
# The oldest version a reader (``report``) can use without migrating: later steps only add
# columns it does not need, so an old archive opened read-only still reports.
READABLE_FROM = 1


class SchemaError(Exception):
    """The database cannot be used by this version of report-lint."""


def now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.localtime())


def connect(path: str | Path, migrate: bool = True) -> sqlite3.Connection:
    """Open (creating if needed) an archive database at the current schema version."""
    conn = sqlite3.connect(str(path), isolation_level=None, timeout=60)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA busy_timeout = 60000")
    conn.execute("PRAGMA foreign_keys = ON")
    mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
    if mode.lower() != "wal":  # e.g. a read-only location; still usable for reports
        conn.execute("PRAGMA journal_mode = DELETE")
    # NORMAL in WAL mode: a committed document survives a crash of the process;
    # after a power loss the last few may be rolled back (and are redone on resume).
    conn.execute("PRAGMA synchronous = NORMAL")
    if migrate:
        upgrade(conn)
    else:
        check_version(conn)
    return conn


def version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def check_version(conn: sqlite3.Connection) -> None:
    v = version(conn)
    if v > SCHEMA_VERSION:
        raise SchemaError(
            f"数据库结构版本为 {v}，高于本程序支持的 {SCHEMA_VERSION}，请升级 report-lint"
            f" / database schema {v} is newer than this report-lint ({SCHEMA_VERSION})"
        )
    if v == 0:
        raise SchemaError("该文件不是 report-lint 归档数据库（或为空），请先运行 batch"
                          " / not a report-lint archive database: run batch first")
    if v < READABLE_FROM:
        raise SchemaError(f"数据库结构版本 {v} 需要升级，请先运行 batch / schema {v} needs migrating")


def upgrade(conn: sqlite3.Connection) -> int:
    """Apply every missing migration, each in one transaction; return the final version."""
    v = version(conn)
    if v > SCHEMA_VERSION:
        check_version(conn)
    if v == 0 and _has_user_tables(conn):
        raise SchemaError("该文件不是 report-lint 归档数据库 / not a report-lint archive database")
    while v < SCHEMA_VERSION:
        conn.execute("BEGIN IMMEDIATE")
        try:
            current = version(conn)  # another process may have migrated meanwhile
            if current != v:
                conn.execute("ROLLBACK")
                v = current
                continue
            MIGRATIONS[v](conn)
            conn.execute(f"PRAGMA user_version = {v + 1}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        v += 1
    return v


def _has_user_tables(conn: sqlite3.Connection) -> bool:
    row = conn.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table'").fetchone()
    return row[0] > 0


class Transaction:
    """``with Transaction(conn):`` — BEGIN IMMEDIATE … COMMIT, ROLLBACK on any exception."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn

    def __enter__(self) -> sqlite3.Connection:
        self.conn.execute("BEGIN IMMEDIATE")
        return self.conn

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            self.conn.execute("COMMIT")
        else:
            self.conn.execute("ROLLBACK")


def known_hashes(conn: sqlite3.Connection) -> set[str]:
    """Hashes of every stored document: their files are skipped by the next batch."""
    return {r[0] for r in conn.execute("SELECT sha256 FROM documents")}


def known_errors(conn: sqlite3.Connection) -> set[tuple[str, str]]:
    return {(r[0], r[1]) for r in conn.execute("SELECT path, sha256 FROM errors")}


def store_result(conn: sqlite3.Connection, res: dict[str, Any], replace: bool = False) -> int | None:
    """Write one worker result (document or error) in a single transaction.

    Returns the document id, or None for an error row or a duplicate hash.
    ``replace`` drops an earlier analysis of the same content first (``--reanalyse``).
    """
    with Transaction(conn):
        if replace and not res.get("error"):
            conn.execute("DELETE FROM documents WHERE sha256 = ?", (res["sha256"],))
        if res.get("error"):
            conn.execute("DELETE FROM errors WHERE path = ?", (res["path"],))  # keep only the latest content's
            conn.execute(
                "INSERT INTO errors (path, sha256, size, message, at) VALUES (?, ?, ?, ?, ?)",
                (res["path"], res["sha256"], res.get("size"), res["error"], now()),
            )
            return None
        cur = conn.execute(
            "INSERT OR IGNORE INTO documents (path, sha256, size, mtime, source, encoding, title, issuer, year,"
            " period, chars, n_paragraphs, stages, tool_version, seconds, analysed_at, genre, genre_confidence,"
            " office) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (res["path"], res["sha256"], res["size"], res.get("mtime"), res.get("source"), res.get("encoding"),
             res.get("title"), res.get("issuer"), res.get("year"), res.get("period"), res.get("chars"),
             len(res.get("paragraphs", [])), ",".join(res.get("stages", [])), res.get("tool_version"),
             res.get("seconds"), now(), *_genre_columns(res.get("genre"))),
        )
        if cur.rowcount == 0:
            return None  # same content already stored (a copy under another name)
        doc_id = int(cur.lastrowid)
        # A file that failed before and now reads fine no longer needs its error row.
        conn.execute("DELETE FROM errors WHERE path = ?", (res["path"],))
        conn.executemany(
            "INSERT INTO paragraphs (document_id, idx, line, end_line, text, section, dimension, confidence)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [(doc_id, i, p["line"], p["end_line"], p["text"], p.get("section"), p.get("dimension"),
              p.get("confidence")) for i, p in enumerate(res.get("paragraphs", []))],
        )
        conn.executemany(
            "INSERT INTO claims (document_id, idx, metric, value, unit, line, data) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(doc_id, i, _str(c.get("metric")), _num(c.get("value")), _str(c.get("unit")), _int(c.get("line")),
              json.dumps(c, ensure_ascii=False, default=str)) for i, c in enumerate(res.get("claims", []))],
        )
        conn.executemany(
            "INSERT INTO findings (document_id, code, rule, severity, line, col, end_line, end_col, message,"
            " excerpt, suggestion) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(doc_id, f["code"], f["rule"], f["severity"], f.get("line"), f.get("column"), f.get("end_line"),
              f.get("end_column"), f["message"], f.get("excerpt"), f.get("suggestion"))
             for f in res.get("findings", [])],
        )
        conn.executemany(
            "INSERT INTO metrics (document_id, metric, value, unit, change_kind, change_value, change_digits,"
            " line, excerpt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(doc_id, m["metric"], m["value"], m["unit"], m.get("change_kind"), m.get("change_value"),
              m.get("change_digits"), m.get("line"), m.get("excerpt")) for m in res.get("metrics", [])],
        )
        return doc_id


def start_run(conn: sqlite3.Connection, engine: str, jobs: int, inputs: Iterable[str], tool_version: str) -> int:
    with Transaction(conn):
        cur = conn.execute(
            "INSERT INTO runs (started, status, engine, jobs, inputs, tool_version) VALUES (?, 'running', ?, ?, ?, ?)",
            (now(), engine, jobs, json.dumps(list(inputs), ensure_ascii=False), tool_version),
        )
        return int(cur.lastrowid)


def finish_run(conn: sqlite3.Connection, run_id: int, status: str, counts: dict[str, int]) -> None:
    with Transaction(conn):
        conn.execute(
            "UPDATE runs SET finished = ?, status = ?, files = ?, analysed = ?, skipped = ?, failed = ? WHERE id = ?",
            (now(), status, counts.get("files", 0), counts.get("analysed", 0), counts.get("skipped", 0),
             counts.get("failed", 0), run_id),
        )


def _genre_columns(genre: dict | None) -> tuple[str | None, float | None, int | None]:
    if not genre:
        return None, None, None
    return genre.get("name"), _num(genre.get("confidence")), int(bool(genre.get("office")))


def _str(v: Any) -> str | None:
    return None if v is None else str(v)


def _num(v: Any) -> float | None:
    if isinstance(v, bool):
        return None
    if isinstance(v, int | float):
        return float(v)
    return None


def _int(v: Any) -> int | None:
    return v if isinstance(v, int) and not isinstance(v, bool) else None
