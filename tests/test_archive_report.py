"""The archive report: JSON figures agree with the database; the HTML renders in Chromium, text stays text."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.archive import db
from pipeline.archive.batch import run_batch
from pipeline.archive.report_html import figures, json_for_script, render_html
from pipeline.cli import main

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import make_archive  # noqa: E402

PLANTED: dict = {}  # what the generator planted in the module's archive
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-extensions"]


@pytest.fixture(scope="module")
def archive_db(tmp_path_factory):
    base = tmp_path_factory.mktemp("report")
    manifest = make_archive.make(base / "archive", count=32, seed=3, with_script=True)
    path = base / "archive.sqlite"
    counts = run_batch([str(base / "archive")], str(path), jobs=1, progress=False)
    assert counts.analysed == 32
    PLANTED.update(manifest["planted"])
    return path


def test_cross_document_findings_match_what_was_planted(archive_db):
    planted = PLANTED
    conn = db.connect(archive_db)

    def found(code):
        return {(i, y) for i, y in conn.execute(
            "SELECT d.issuer, d.year FROM findings f JOIN documents d ON d.id = f.document_id WHERE code = ?", (code,))}

    rl701 = found("RL701")
    want = {(p["issuer"], p["year"]) for p in planted["RL701"]}
    assert rl701 <= want, f"RL701 on figures that agree with last year: {rl701 - want}"
    assert len(rl701) >= 0.8 * len(want)
    assert {i for i, _ in found("RL702")} == {p["issuer"] for p in planted["RL702"]}
    tagged = conn.execute("SELECT count(*) FROM paragraphs WHERE dimension IS NOT NULL").fetchone()[0]
    if tagged:  # needs the dimensions stage
        assert found("RL703") == {(p["issuer"], p["year"]) for p in planted["RL703"]}
    conn.close()


def test_json_figures_match_database(archive_db):
    result = CliRunner().invoke(main, ["report", str(archive_db), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    conn = db.connect(archive_db)
    assert data["summary"]["documents"] == conn.execute("SELECT count(*) FROM documents").fetchone()[0] == 32
    assert data["summary"]["errors"] == 5
    n_findings = conn.execute("SELECT count(*) FROM findings").fetchone()[0]
    n_cross = conn.execute("SELECT count(*) FROM findings WHERE related_document_id IS NOT NULL").fetchone()[0]
    # a cross-document finding is listed under both of its documents
    assert sum(len(v) for v in data["findings"].values()) == n_findings + n_cross
    assert sum(t["count"] for t in data["top_findings"]) == n_findings
    assert data["summary"]["findings"] == n_findings
    assert data["dimensions"][:6] == ["参谋辅政", "督查落实", "综合协调", "服务保障", "信访维稳", "队伍建设"]
    assert all(set(d["coverage"]) == set(data["dimensions"]) for d in data["documents"])
    assert data["series"], "four years of eight issuers give metric series"
    for s in data["series"]:
        years = [p["year"] for p in s["points"]]
        assert years == sorted(set(years)) and len(years) >= 2
    conn.close()


def test_script_in_json_block_cannot_close_it():
    text = json_for_script({"t": "</script><script>alert(1)</script>&"})
    assert "</script" not in text and "<" not in text and "&" not in text
    assert json.loads(text) == {"t": "</script><script>alert(1)</script>&"}


def test_html_escapes_document_text(archive_db):
    conn = db.connect(archive_db)
    page = render_html(figures(conn))
    conn.close()
    assert page.count("<script") == 2  # the data block and the drawing code, nothing from documents
    assert "&lt;script&gt;document.title=1&lt;/script&gt;" in page
    assert "http://" not in page.replace("http://www.w3.org/2000/svg", "")
    assert "https://" not in page


def test_report_needs_an_output(archive_db):
    result = CliRunner().invoke(main, ["report", str(archive_db)])
    assert result.exit_code == 2


def test_html_renders_in_headless_chromium(archive_db, tmp_path):
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        pytest.skip("headless Chromium not installed (Debian: apt-get install chromium; scripts/test.sh does it)")
    out = tmp_path / "report.html"
    result = CliRunner().invoke(main, ["report", str(archive_db), "--html", str(out)])
    assert result.exit_code == 0, result.output
    proc = subprocess.run(
        [chromium, *CHROMIUM_FLAGS, f"--user-data-dir={tmp_path / 'profile'}", "--virtual-time-budget=5000",
         "--dump-dom", out.as_uri()],
        capture_output=True, text=True, timeout=120,
    )
    dom = proc.stdout
    assert "<body" in dom, proc.stderr[-2000:]
    # the page's script drew the heat map (documents × dimensions cells) and the charts, then said so
    n_dims = len(json.loads(CliRunner().invoke(main, ["report", str(archive_db), "--format", "json"]).stdout)
                 ["dimensions"])
    assert f'data-rendered="heatmap:{32 * n_dims};charts:' in dom
    assert dom.count('class="cell"') == 32 * n_dims
    assert dom.count('class="series"') >= 1 and "<polyline" in dom
    assert 'data-rendered="heatmap:0' not in dom
    # the document whose text holds <script> is shown as text and its script never ran
    assert "&lt;script&gt;document.title=1&lt;/script&gt;" in dom
    assert "&lt;script&gt;document.title='injected'&lt;/script&gt;" in dom
    assert "<title>材料归档分析报告</title>" in dom
    assert dom.count("<script") == 2
