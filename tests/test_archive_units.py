"""Archive pieces on their own: titles, metrics, the schema and its versions, cross-document checks."""

from __future__ import annotations

import os
import sqlite3

import pytest

from pipeline.archive import crossdoc, db, meta, metrics, walk
from pipeline.archive.batch import LocalEngine
from pipeline.archive.worker import analyse_path, analyse_task, file_task


@pytest.mark.parametrize("title, issuer, year, period", [
    ("青岚县人民政府办公室2025年工作总结", "青岚县人民政府办公室", 2025, "年度"),
    ("2024年白沙镇人民政府工作总结", "白沙镇人民政府", 2024, "年度"),
    ("市教育局关于2023年度工作情况的报告", "市教育局", 2023, "年度"),
    ("青岚县财政局2025年上半年工作总结", "青岚县财政局", 2025, "上半年"),
    ("二〇二二年东川区司法局工作汇报", "东川区司法局", 2022, "年度"),
])
def test_issuer_and_year_from_title(title, issuer, year, period):
    m = meta.from_title(title)
    assert (m.issuer, m.year, m.period) == (issuer, year, period)


@pytest.mark.parametrize("title", ["各位领导、同志们：", "关于2025年工作的汇报", "一、参谋辅政更加到位",
                                   "2025年工作总结"])
def test_no_issuer_guessed(title):
    m = meta.from_title(title)
    assert m is None or m.issuer is None


def test_file_name_fills_what_the_title_lacks():
    m = meta.document_meta("/x/2021/临江市审计局2021年工作总结.txt", ["工作总结", "正文"])
    assert (m.issuer, m.year) == ("临江市审计局", 2021)
    m = meta.document_meta("/x/report_2019.txt", ["一、工作情况"])
    assert (m.issuer, m.year) == (None, 2019)


def _ledger(text: str) -> tuple[list, list]:
    """The claims and paragraphs of ``text`` as the archive worker stores them (the claims stage ran)."""
    from pipeline.document import Document
    from pipeline.lint import analyse
    from pipeline.output.jsonout import file_dict

    out = file_dict(analyse(Document("青岚县人民政府办公室2025年工作总结\n" + text)))
    return out["claims"], out["paragraphs"]


def test_metrics_exact_figures_and_changes():
    text = ("全年共编发《政务信息》54期，较上年增长20%，被省办采用12篇。按期办结率达98.5%，较上年提高1.5个百分点；"
            "办理人大代表建议120件，比上年增加10件，接待群众来访近300人次，培训干部200余人次。")
    got = {r["metric"]: r for r in metrics.records(*_ledger(text))}
    assert set(got) == {"编发《政务信息》", "省办采用", "按期办结率", "办理人大代表建议"}
    assert (got["编发《政务信息》"]["value"], got["编发《政务信息》"]["change_kind"],
            got["编发《政务信息》"]["change_value"]) == (54, "pct", 20)
    assert got["编发《政务信息》"]["excerpt"] == "全年共编发《政务信息》54期，较上年增长20%"
    assert got["按期办结率"]["change_kind"] == "pp"
    assert (got["办理人大代表建议"]["change_kind"], got["办理人大代表建议"]["change_value"]) == ("abs", 10)
    assert got["省办采用"].get("change_kind") is None


def _claim(metric, value, unit, role="value", frame="", column=1, raw=None, **kw):
    return {"metric": metric, "value": value, "amount": value, "unit": unit, "role": role, "frame": frame,
            "approx": kw.get("approx", []), "placeholder": kw.get("placeholder", False), "line": 2,
            "column": column, "raw": raw or f"{value}{unit}", "negative": False}


def test_metrics_from_the_claim_ledger():
    text = "编发《政务信息》54期，较上年下降10%，接待来访近300人次，办理建议X件。"
    paras = [{"line": 2, "text": text}]
    col = lambda s: text.index(s) + 1  # noqa: E731
    claims = [_claim("编发《政务信息》", 54, "期", column=col("54期")),
              _claim("编发《政务信息》", 10, "%", role="change", frame="较上年", column=col("10%")),
              _claim("接待来访", 300, "人次", column=col("300"), approx=["近"]),
              _claim("办理建议", None, "件", column=col("X件"), placeholder=True, raw="X件")]
    got = metrics.records(claims, paras)
    assert len(got) == 1
    assert (got[0]["metric"], got[0]["value"], got[0]["change_kind"], got[0]["change_value"]) == \
        ("编发《政务信息》", 54, "pct", -10)
    assert got[0]["excerpt"] == "编发《政务信息》54期，较上年下降10%"


def test_metrics_come_only_from_the_ledger():
    paras = [{"line": 1, "text": "编发《政务信息》54期。"}]
    assert metrics.records([], paras) == [] and metrics.records([{"x": 1}], paras) == []


def test_metric_stated_with_two_values_is_left_out():
    assert metrics.records(*_ledger("编发《政务信息》54期。\n编发《政务信息》45期。")) == []
    assert [r["value"] for r in metrics.records(*_ledger("编发《政务信息》54期。\n编发《政务信息》54期。"))] == [54]


def test_new_database_is_at_current_version(tmp_path):
    conn = db.connect(tmp_path / "a.sqlite")
    assert db.version(conn) == db.SCHEMA_VERSION >= 1
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn.close()
    conn = db.connect(tmp_path / "a.sqlite")  # reopening applies nothing twice
    assert db.version(conn) == db.SCHEMA_VERSION
    conn.close()


def test_newer_schema_is_refused(tmp_path):
    path = tmp_path / "future.sqlite"
    raw = sqlite3.connect(path)
    raw.execute(f"PRAGMA user_version = {db.SCHEMA_VERSION + 1}")
    raw.close()
    with pytest.raises(db.SchemaError, match="newer"):
        db.connect(path)


def test_foreign_database_is_refused(tmp_path):
    path = tmp_path / "other.sqlite"
    raw = sqlite3.connect(path)
    raw.execute("CREATE TABLE customers (id INTEGER)")
    raw.commit()
    raw.close()
    with pytest.raises(db.SchemaError):
        db.connect(path)


def test_migrations_run_in_order(tmp_path, monkeypatch):
    applied = []
    steps = [*db.MIGRATIONS, lambda conn: applied.append("v2") or conn.execute("CREATE TABLE extra (x)")]
    monkeypatch.setattr(db, "MIGRATIONS", steps)
    monkeypatch.setattr(db, "SCHEMA_VERSION", len(steps))
    conn = db.connect(tmp_path / "m.sqlite")
    assert db.version(conn) == len(steps) and applied == ["v2"]
    conn.close()
    conn = db.connect(tmp_path / "m.sqlite")
    assert applied == ["v2"]
    conn.close()


def test_failed_migration_leaves_previous_version(tmp_path, monkeypatch):
    def broken(conn):
        conn.execute("CREATE TABLE half (x)")
        raise RuntimeError("boom")

    steps = [*db.MIGRATIONS, broken]
    monkeypatch.setattr(db, "MIGRATIONS", steps)
    monkeypatch.setattr(db, "SCHEMA_VERSION", len(steps))
    with pytest.raises(RuntimeError):
        db.connect(tmp_path / "f.sqlite")
    raw = sqlite3.connect(tmp_path / "f.sqlite")
    assert raw.execute("PRAGMA user_version").fetchone()[0] == len(steps) - 1
    assert not raw.execute("SELECT 1 FROM sqlite_master WHERE name = 'half'").fetchall()
    raw.close()


def test_walk_skips_lock_hidden_and_other_files(tmp_path):
    for name in ["a.txt", "b.md", "c.docx", "d.doc", "~$c.docx", ".hidden.txt", "e.xlsx", "sub/f.txt",
                 ".git/g.txt"]:
        p = tmp_path / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(b"x")
    found = [p.replace(str(tmp_path) + "/", "") for p in walk.walk([str(tmp_path), str(tmp_path / "a.txt")])]
    assert found == ["a.txt", "b.md", "c.docx", "d.doc", "sub/f.txt"]


def _store(conn, tmp_path, name: str, lines: list[str], dims: dict[int, str] | None = None) -> int:
    path = tmp_path / name
    path.write_text("\n".join(lines), encoding="utf-8")
    res = analyse_task(file_task(str(path)))
    for i, dim in (dims or {}).items():
        res["paragraphs"][i]["dimension"] = dim
        res["paragraphs"][i]["confidence"] = 0.9
    doc_id = db.store_result(conn, res)
    assert doc_id is not None
    return doc_id


def test_change_against_last_years_figure(tmp_path):
    conn = db.connect(tmp_path / "x.sqlite")
    a = _store(conn, tmp_path, "a.txt", ["临江市审计局2024年工作总结", "全年编发《审计信息》45期。办理建议20件。"])
    b = _store(conn, tmp_path, "b.txt", ["临江市审计局2025年工作总结",
                                         "全年编发《审计信息》54期，较上年增长30%。办理建议24件，较上年增长20%。"])
    found = crossdoc.check_all(conn)
    assert [(c.code, c.document_id, c.related_document_id) for c in found] == [("RL701", b, a)]
    assert "应为较上年增长20.0%" in found[0].message and "45期" in found[0].message
    assert crossdoc.recompute(conn) == 1
    assert crossdoc.recompute(conn) == 1  # recomputed, not accumulated
    conn.close()


def test_same_figure_five_years_running(tmp_path):
    conn = db.connect(tmp_path / "x.sqlite")
    for year in range(2019, 2024):
        _store(conn, tmp_path, f"{year}.txt", [f"白沙镇人民政府{year}年工作总结", "调处矛盾纠纷36起。"
                                               f"接待来访{100 + year - 2019}人次。"])
    found = crossdoc.check_all(conn)
    assert [c.code for c in found] == ["RL702"]
    assert "连续5年" in found[0].message and "36起" in found[0].message
    conn.close()


def test_four_years_or_a_ceiling_rate_is_not_flagged(tmp_path):
    conn = db.connect(tmp_path / "x.sqlite")
    for year in range(2019, 2024):
        fig = "调处矛盾纠纷36起。" if year > 2019 else "调处矛盾纠纷30起。"
        _store(conn, tmp_path, f"{year}.txt", [f"白沙镇人民政府{year}年工作总结", fig + "办结率达100%。"])
    assert crossdoc.check_all(conn) == []
    conn.close()


def test_dimension_that_disappears(tmp_path):
    conn = db.connect(tmp_path / "x.sqlite")
    _store(conn, tmp_path, "a.txt", ["东川区民政局2023年工作总结", "一、参谋辅政", "二、信访维稳"],
           {1: "参谋辅政", 2: "信访维稳"})
    b = _store(conn, tmp_path, "b.txt", ["东川区民政局2024年工作总结", "一、参谋辅政", "二、队伍建设"],
               {1: "参谋辅政", 2: "队伍建设"})
    found = crossdoc.check_all(conn)
    assert [(c.code, c.document_id) for c in found] == [("RL703", b)]
    assert "信访维稳" in found[0].message
    conn.close()


def test_different_issuers_are_not_compared(tmp_path):
    conn = db.connect(tmp_path / "x.sqlite")
    _store(conn, tmp_path, "a.txt", ["临江市审计局2024年工作总结", "全年编发《审计信息》45期。"])
    _store(conn, tmp_path, "b.txt", ["临江市财政局2025年工作总结", "全年编发《审计信息》54期，较上年增长30%。"])
    assert crossdoc.check_all(conn) == []
    conn.close()


def test_bad_file_is_an_error_result_not_an_exception(tmp_path):
    p = tmp_path / "x.docx"
    p.write_bytes(b"PK\x03\x04garbage")
    res = analyse_task(file_task(str(p)))
    assert "corrupt" in res["error"] or "unreadable" in res["error"]
    conn = db.connect(tmp_path / "x.sqlite")
    assert db.store_result(conn, res) is None
    assert conn.execute("SELECT count(*) FROM errors").fetchone()[0] == 1
    conn.close()


def crash_on_request(task):
    """Kills its worker process outright on one file, as a segfault or the OOM killer would."""
    if "crash" in task["path"]:
        os._exit(3)
    return analyse_task(task)


def test_a_worker_dying_fails_only_its_file(tmp_path):
    tasks = []
    for name in ["a.txt", "crash.txt", "b.txt", "c.txt"]:
        (tmp_path / name).write_text(f"临江市审计局2025年工作总结\n{name}：编发《信息》5期。", encoding="utf-8")
        tasks.append(file_task(str(tmp_path / name)))
    results = {os.path.basename(r["path"]): r for r in LocalEngine(2, crash_on_request).results(iter(tasks))}
    assert set(results) == {"a.txt", "crash.txt", "b.txt", "c.txt"}
    assert "died" in results["crash.txt"]["error"]
    assert all("error" not in results[n] for n in ["a.txt", "b.txt", "c.txt"])


def test_result_is_plain_data(tmp_path):
    import json

    p = tmp_path / "a.txt"
    p.write_text("临江市审计局2025年工作总结\n全年编发《审计信息》X期。", encoding="utf-8")
    res = analyse_path(str(p))
    assert json.loads(json.dumps(res)) == res
    assert (res["issuer"], res["year"], res["sha256"]) == ("临江市审计局", 2025, file_task(str(p))["sha256"])
    assert any(f["code"] == "RL101" for f in res["findings"])
    assert "error" in analyse_path(str(tmp_path / "missing.txt"))


def test_batch_never_writes_over_an_input(tmp_path):
    from click.testing import CliRunner

    from pipeline.cli import main

    draft = tmp_path / "a.txt"
    draft.write_text("临江市审计局2025年工作总结\n正文。", encoding="utf-8")
    before = draft.read_bytes()
    for db_arg in (draft, tmp_path / "notes.dat"):
        if db_arg != draft:
            db_arg.write_text("不是数据库的文本文件，内容足够长以免被当成空文件。" * 20, encoding="utf-8")
        kept = db_arg.read_bytes()
        result = CliRunner().invoke(main, ["batch", str(tmp_path), "--db", str(db_arg), "-q", "-j", "1"])
        assert result.exit_code == 1, result.output
        assert db_arg.read_bytes() == kept
    assert draft.read_bytes() == before


def unpicklable_on_request(task):
    """A result that cannot travel back from the worker (an exception in the pool, not a death)."""
    res = analyse_task(task)
    if "odd" in task["path"]:
        res["callback"] = lambda: None
    return res


def test_chunks_close_on_count_and_size():
    from pipeline.archive.batch import CHUNK_BYTES, CHUNK_DOCS, _chunks

    small = [{"path": f"{i}.txt", "size": 100} for i in range(CHUNK_DOCS * 2 + 3)]
    sizes = [len(c) for c in _chunks(iter(small))]
    assert sizes == [CHUNK_DOCS, CHUNK_DOCS, 3]
    big = [{"path": "big.txt", "size": CHUNK_BYTES}, {"path": "a.txt", "size": 10}, {"path": "b.txt", "size": 10}]
    assert [[t["path"] for t in c] for c in _chunks(iter(big))] == [["big.txt"], ["a.txt", "b.txt"]]
    assert list(_chunks(iter([]))) == []


def test_a_result_that_cannot_travel_fails_only_its_file(tmp_path):
    tasks = []
    for name in ["a.txt", "odd.txt", "b.txt"]:
        (tmp_path / name).write_text(f"临江市审计局2025年工作总结\n{name}：编发《信息》5期。", encoding="utf-8")
        tasks.append(file_task(str(tmp_path / name)))
    results = {os.path.basename(r["path"]): r for r in LocalEngine(2, unpicklable_on_request).results(iter(tasks))}
    assert set(results) == {"a.txt", "odd.txt", "b.txt"}
    assert "analysis failed" in results["odd.txt"]["error"]
    assert all("error" not in results[n] for n in ["a.txt", "b.txt"])


def test_edited_file_supersedes_its_earlier_row(tmp_path):
    """Edit a stored file and rerun: the new version replaces the old in series, RL7xx and the report;
    the old row stays as history; editing it back makes the old row current again."""
    from pipeline.archive.batch import run_batch
    from pipeline.archive.report_html import figures

    folder = tmp_path / "archive"
    folder.mkdir()
    (folder / "2024.txt").write_text("临江市审计局2024年工作总结\n全年编发《审计信息》45期。办理建议20件。\n",
                                     encoding="utf-8")
    current = folder / "2025.txt"
    wrong = "临江市审计局2025年工作总结\n全年编发《审计信息》54期，较上年增长30%。办理建议24件，较上年增长20%。\n"
    right = "临江市审计局2025年工作总结\n全年编发《审计信息》54期，较上年增长20%。办理建议24件，较上年增长20%。\n"
    current.write_text(wrong, encoding="utf-8")
    path = tmp_path / "a.sqlite"
    assert run_batch([str(folder)], str(path), jobs=1, progress=False).analysed == 2

    def state():
        conn = db.connect(path)
        try:
            rows = conn.execute("SELECT id, superseded_by FROM documents WHERE path = ? ORDER BY id",
                                (str(current),)).fetchall()
            rl701 = conn.execute("SELECT count(*) FROM findings WHERE code = 'RL701'").fetchone()[0]
            return [tuple(r) for r in rows], rl701, figures(conn)
        finally:
            conn.close()

    rows, rl701, data = state()
    assert len(rows) == 1 and rl701 == 1
    assert data["summary"]["documents"] == 2
    assert any("审计信息" in s["metric"] for s in data["series"])

    current.write_text(right, encoding="utf-8")  # the slip is corrected and the batch rerun
    counts = run_batch([str(folder)], str(path), jobs=1, progress=False)
    assert counts.analysed == 1 and counts.skipped == 1
    rows, rl701, data = state()
    (old, old_by), (new, new_by) = rows
    assert old_by == new and new_by is None  # the earlier version is kept as history, pointing at the new
    assert rl701 == 0  # RL701 read the old row's 30%; the current text is right
    assert data["summary"]["documents"] == 2  # one report per year, not two for 2025
    assert {d["id"] for d in data["documents"]} == {new} | {d["id"] for d in data["documents"] if d["id"] != new}
    assert old not in {d["id"] for d in data["documents"]}
    series = [s for s in data["series"] if "审计信息" in s["metric"]]
    assert series and [p["year"] for p in series[0]["points"]] == [2024, 2025]  # the chart is back, once per year
    assert all(int(k) != old for k in data["findings"])

    current.write_text(wrong, encoding="utf-8")  # edited back: the stored old version is current again
    run_batch([str(folder)], str(path), jobs=1, progress=False)
    rows, rl701, data = state()
    assert [by for _, by in rows] == [None, old] and rl701 == 1


def test_foreign_or_empty_database_is_left_untouched(tmp_path):
    import hashlib

    from click.testing import CliRunner

    from pipeline.cli import main

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("临江市审计局2025年工作总结\n全年编发《审计信息》54期。\n", encoding="utf-8")
    foreign = tmp_path / "other.sqlite"
    conn = sqlite3.connect(foreign)
    conn.execute("CREATE TABLE notes (body TEXT)")
    conn.execute("INSERT INTO notes VALUES ('x')")
    conn.commit()
    conn.close()
    empty = tmp_path / "empty.sqlite"
    empty.write_bytes(b"")
    for target in (foreign, empty):
        before = hashlib.sha256(target.read_bytes()).hexdigest()
        result = CliRunner().invoke(main, ["batch", str(tmp_path / "in"), "--db", str(target), "-q", "-j", "1"])
        assert result.exit_code != 0 and "Traceback" not in result.output
        assert hashlib.sha256(target.read_bytes()).hexdigest() == before
        assert not (tmp_path / f"{target.name}-wal").exists()
    result = CliRunner().invoke(main, ["batch", str(tmp_path / "in"), "--db", str(empty), "-q", "-j", "1", "--create"])
    assert result.exit_code == 0, result.output
    conn = sqlite3.connect(empty)
    assert conn.execute("SELECT count(*) FROM documents").fetchone()[0] == 1
    conn.close()


def test_archive_reads_word_as_the_command_line_does(tmp_path):
    """batch stores what Word shows: auto-numbered 一是/第一 labels are part of the stored text."""
    from wordkit import build_draft

    from pipeline.reader import read_path

    path = tmp_path / "临江市审计局2025年工作总结.docx"
    path.write_bytes(build_draft(["临江市审计局2025年工作总结", "一是审计监督更有力。全年完成审计项目24个。",
                                  "二是队伍建设更过硬。组织集中学习12次。"]))
    res = analyse_task(file_task(str(path)))
    texts = [p["text"] for p in res["paragraphs"]]
    assert texts == [line for line in read_path(str(path)).text.split("\n") if line.strip()]
    assert any(t.startswith("一是审计监督") for t in texts) and any(t.startswith("二是队伍建设") for t in texts)
