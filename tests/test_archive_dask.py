"""--engine dask runs the same per-document function on a LocalCluster; the client writes the one DB."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.archive.batch import run_batch
from pipeline.cli import main

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import make_archive  # noqa: E402

distributed = pytest.importorskip("distributed", reason="dask.distributed is the optional 'batch' extra")


def _contents(db: Path) -> list[tuple]:
    conn = sqlite3.connect(db)
    rows = conn.execute(
        "SELECT d.sha256, d.issuer, d.year, (SELECT count(*) FROM paragraphs p WHERE p.document_id = d.id),"
        " (SELECT group_concat(code) FROM (SELECT code FROM findings f WHERE f.document_id = d.id ORDER BY code))"
        " FROM documents d ORDER BY d.sha256").fetchall()
    errors = conn.execute("SELECT path FROM errors ORDER BY path").fetchall()
    conn.close()
    return rows + errors


def test_dask_local_cluster_matches_local_engine(tmp_path):
    make_archive.make(tmp_path / "archive", count=16, seed=5)
    with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False,
                                  dashboard_address=None) as cluster:
        result = CliRunner().invoke(main, ["batch", str(tmp_path / "archive"), "--db", str(tmp_path / "dask.sqlite"),
                                           "--engine", "dask", "--scheduler", cluster.scheduler_address, "-q"])
    assert result.exit_code == 0, result.output
    assert "新入库 16" in result.output and "出错 5" in result.output
    run_batch([str(tmp_path / "archive")], str(tmp_path / "local.sqlite"), jobs=1, progress=False)
    dask_rows = _contents(tmp_path / "dask.sqlite")
    assert dask_rows == _contents(tmp_path / "local.sqlite")
    assert len(dask_rows) == 16 + 5
    conn = sqlite3.connect(tmp_path / "dask.sqlite")
    assert conn.execute("SELECT engine, status FROM runs").fetchall() == [("dask", "done")]
    conn.close()


def test_dask_needs_a_scheduler(tmp_path):
    (tmp_path / "a.txt").write_text("青岚县人民政府办公室2025年工作总结\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["batch", str(tmp_path), "--db", str(tmp_path / "x.sqlite"), "--engine", "dask"])
    assert result.exit_code == 2
    assert "--scheduler" in result.output
