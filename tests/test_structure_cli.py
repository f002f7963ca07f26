"""`report-lint outline`: text and JSON views of the skeleton."""

from __future__ import annotations

import json

from click.testing import CliRunner

from pipeline.cli import main

DRAFT = """办公室工作总结
今年以来，办公室较好完成了各项任务。
一是文稿起草更精准。全年起草文稿52篇。
二是信息报送更及时。全年报送信息120条。
三是会务服务更周到。全年保障会议80场。
四是机要保密工作更严密。全年未发生失泄密事件。
下步工作打算，重点抓好以下两个方面。
第一，深化调查研究。
第二，强化督查落实。
"""


def test_outline_text(tmp_path):
    path = tmp_path / "d.txt"
    path.write_text(DRAFT, encoding="utf-8")
    res = CliRunner().invoke(main, ["outline", str(path)])
    assert res.exit_code == 0, res.output
    assert "一是 文稿起草更精准" in res.output
    assert "句式：[4]更[2]" in res.output and "不合：四是" in res.output
    assert "“以下两个方面” 说 2 项，实际 2 项" in res.output
    assert "下步打算" in res.output


def test_outline_json(tmp_path):
    path = tmp_path / "d.txt"
    path.write_text(DRAFT, encoding="utf-8")
    res = CliRunner().invoke(main, ["outline", str(path), "--format", "json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.output)["files"][0]
    assert [s["section"] for s in data["sections"]] == ["title", "opening", "summary", "plan"]
    assert [it["label"] for it in data["items"]] == ["一是", "二是", "三是", "四是", "第一，", "第二，"]
    first = data["series"][0]
    assert first["frame"] == "[4]更[2]" and first["deviation"]["label"] == "四是"
    assert data["counts"][0]["claimed"] == 2 and data["counts"][0]["found"] == 2


def test_outline_missing_file(tmp_path):
    res = CliRunner().invoke(main, ["outline", str(tmp_path / "nope.txt")])
    assert res.exit_code == 2
