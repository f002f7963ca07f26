"""The command line: text and JSON output, rule selection, setup.cfg, exit codes, `report-lint rules`."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.cli import main
from pipeline.rules import load_all

# an error (RL101), a warning (RL401), a warning (RL201) and an info (RL202, consistent full-width ％)
DRAFT = "全年办理督查件X件，较好的服务于领导决策。\n开展“学习型机关创建活动，办结率100％。\n"
WARN_ONLY = "各科室较好的服务于领导决策。\n"
CLEAN = "全年编发简报24期，办结率98.5%。\n"


@pytest.fixture
def draft(tmp_path) -> Path:
    p = tmp_path / "draft.txt"
    p.write_text(DRAFT, encoding="utf-8")
    return p


def invoke(*args: str, cwd: Path | None = None):
    runner = CliRunner()
    if cwd is None:
        result = runner.invoke(main, list(args))
    else:
        with runner.isolated_filesystem(temp_dir=cwd):
            result = runner.invoke(main, list(args))
    assert "Traceback" not in result.output
    return result


def codes(result) -> list[str]:
    data = json.loads(result.stdout[result.stdout.index("{"):])
    return sorted(f["code"] for f in data["files"][0]["findings"])


def test_text_format(draft):
    result = invoke(str(draft), "--no-color")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    head = next(line for line in lines if " RL101 " in line)
    assert re.fullmatch(rf"{re.escape(str(draft))}:1:8: RL101 \[错误\] .*X件.*", head), head
    i = lines.index(head)
    assert "督查件X件" in lines[i + 1]  # the excerpt
    assert lines[i + 2].strip() == "^"  # the span marked under it
    assert lines[i + 3].strip().startswith("建议：")
    rl401 = next(line for line in lines if " RL401 " in line)
    j = lines.index(rl401)
    assert "较好地服务于" in lines[j + 3]
    assert lines[-1].startswith("共检查 1 个文件") and "错误 1" in lines[-1]
    assert "\x1b[" not in result.stdout  # no colour when asked (and off a terminal)


def test_colour_on_request(draft):
    result = invoke(str(draft), "--color")
    assert "\x1b[" in result.stdout


def test_json_schema(draft):
    result = invoke(str(draft), "--format", "json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert {"version", "files"} <= set(data)
    f = data["files"][0]
    assert {"path", "findings", "paragraphs", "claims"} <= set(f)
    for finding in f["findings"]:
        assert set(finding) >= {"code", "rule", "severity", "line", "column", "end_line", "end_column",
                                "message", "excerpt", "suggestion"}
        assert finding["severity"] in ("error", "warning", "info")
    for para in f["paragraphs"]:
        assert set(para) >= {"line", "end_line", "text", "section", "dimension", "confidence"}
    x = next(x for x in f["findings"] if x["code"] == "RL101")
    assert (x["line"], x["column"], x["end_line"], x["end_column"], x["excerpt"]) == (1, 8, 1, 9, "X")
    d = next(x for x in f["findings"] if x["code"] == "RL401")
    assert "较好地" in d["suggestion"]


def test_select_and_ignore_precedence(draft):
    assert set(codes(invoke(str(draft), "--format", "json", "--select", "RL1"))) == {"RL101"}
    assert set(codes(invoke(str(draft), "--format", "json", "--select", "RL1,RL2", "--ignore", "RL201"))) == {
        "RL101", "RL202"}
    # the longest matching prefix wins: RL401 is selected although RL4 is ignored
    assert set(codes(invoke(str(draft), "--format", "json", "--select", "RL401", "--ignore", "RL4"))) == {"RL401"}
    got = set(codes(invoke(str(draft), "--format", "json", "--ignore", "RL1,RL2")))
    assert not any(c.startswith(("RL1", "RL2")) for c in got) and "RL401" in got


def test_setup_cfg_section_and_cli_wins(tmp_path):
    (tmp_path / "setup.cfg").write_text("[metadata]\nname = x\n\n[report-lint]\nignore = RL4, RL2\n"
                                        "fail-on = warning\n", encoding="utf-8")
    sub = tmp_path / "drafts"
    sub.mkdir()
    p = sub / "a.txt"
    p.write_text(DRAFT, encoding="utf-8")
    got = codes(invoke(str(p), "--format", "json"))
    assert got == ["RL101"]  # found the nearest setup.cfg above the file
    w = sub / "warn.txt"
    w.write_text(WARN_ONLY, encoding="utf-8")
    assert invoke(str(w), "--select", "RL4").exit_code == 1  # fail-on = warning from the file
    assert invoke(str(w), "--select", "RL4", "--fail-on", "error").exit_code == 0  # the flag wins
    assert "RL401" in codes(invoke(str(p), "--format", "json", "--select", "RL4"))  # --select replaces ignore
    explicit = tmp_path / "other.cfg"
    explicit.write_text("[report-lint]\nselect = RL2\n", encoding="utf-8")
    assert set(codes(invoke(str(p), "--format", "json", "--config", str(explicit)))) == {"RL201", "RL202"}


def test_unknown_config_key_warns(tmp_path):
    (tmp_path / "setup.cfg").write_text("[report-lint]\nselekt = RL1\nmax_size = 5\n", encoding="utf-8")
    p = tmp_path / "a.txt"
    p.write_text(CLEAN, encoding="utf-8")
    result = invoke(str(p))
    assert result.exit_code == 0
    warnings = [line for line in result.stderr.splitlines() if "unknown key" in line]
    assert len(warnings) == 1 and "selekt" in warnings[0]


def test_fail_on(tmp_path):
    w = tmp_path / "warn.txt"
    w.write_text(WARN_ONLY, encoding="utf-8")
    e = tmp_path / "err.txt"
    e.write_text(DRAFT, encoding="utf-8")
    c = tmp_path / "clean.txt"
    c.write_text(CLEAN, encoding="utf-8")
    assert invoke(str(c), "--select", "RL1,RL2,RL4").exit_code == 0
    assert invoke(str(w), "--select", "RL4").exit_code == 0  # default: only errors fail
    assert invoke(str(w), "--select", "RL4", "--fail-on", "warning").exit_code == 1
    assert invoke(str(e), "--fail-on", "never").exit_code == 0
    assert invoke(str(e), "--select", "RL2", "--fail-on", "info").exit_code == 1  # RL202 is info here
    assert invoke(str(e), "--select", "RL2", "--fail-on", "warning").exit_code == 1  # RL201 is a warning


def test_min_severity_hides_lower(draft):
    got = codes(invoke(str(draft), "--format", "json", "--select", "RL1,RL2,RL4", "--min-severity", "warning"))
    assert "RL202" not in got and "RL101" in got and "RL401" in got


def test_usage_errors_are_one_line_exit_2(draft):
    for args in (["--format", "xml", str(draft)], ["lint"], [str(draft), "--fail-on", "sometimes"]):
        result = invoke(*args)
        assert result.exit_code == 2, args
        lines = [line for line in result.output.splitlines() if line.strip()]
        assert len(lines) == 1 and lines[0].startswith("report-lint:") and " / " in lines[0], result.output


def test_rules_lists_every_rule():
    result = invoke("rules")
    assert result.exit_code == 0
    registry = load_all()
    for code, r in registry.items():
        line = next((x for x in result.stdout.splitlines() if x.strip().startswith(code + " ")), None)
        assert line is not None, code
        assert r.name in line and r.severity in line
    assert "例：" in result.stdout
    rows = json.loads(invoke("rules", "--format", "json").stdout)
    assert {r["code"] for r in rows} == set(registry)  # one registry, the archive checks included
    assert all(r["example"] for r in rows)
    assert {r["code"] for r in rows if "scope" in r} == {"RL701", "RL702", "RL703"}


def test_version_and_help():
    assert invoke("--version").exit_code == 0
    result = invoke("--help")
    assert result.exit_code == 0 and "config-keys" not in result.stdout


def test_rules_explains_one_rule():
    from click.testing import CliRunner

    from pipeline.cli import main

    out = CliRunner().invoke(main, ["rules", "RL507"])
    assert out.exit_code == 0 and "parallel-deviation" in out.output and "示例" in out.output
    assert "three or more items" in out.output  # the why, from the rule's docstring
    one = CliRunner().invoke(main, ["rules", "rl202", "--format", "json"])
    data = __import__("json").loads(one.output)
    assert data["fix"] == "safe" and "GB/T 15835" in data["standards"] and data["examples"]
    assert CliRunner().invoke(main, ["rules", "RL999"]).exit_code == 2


def test_json_findings_carry_replacement_applicability_and_related(tmp_path):
    import json

    from click.testing import CliRunner

    from pipeline.cli import main

    draft = tmp_path / "d.txt"
    draft.write_text("各科室积极的抓好安全生产检查，，全年召开会议５次，办结率98%。\n", encoding="utf-8")
    found = json.loads(CliRunner().invoke(main, [str(draft), "--format", "json"]).output)["files"][0]["findings"]
    de = next(f for f in found if f["code"] == "RL401")
    assert de["replacement"] == "地" and de["applicability"] == "safe" and de["related"] == []
    assert all(f["applicability"] is None for f in found if f["replacement"] is None)


def test_setup_cfg_in_gbk_is_read(tmp_path):
    """Notepad's "ANSI" is GBK: a setup.cfg with a Chinese comment must work, found or given."""
    (tmp_path / "setup.cfg").write_bytes("[report-lint]\n# 忽略措辞类规则\nignore = RL4, RL2\n".encode("gbk"))
    p = tmp_path / "a.txt"
    p.write_text(DRAFT, encoding="utf-8")
    assert codes(invoke(str(p), "--format", "json")) == ["RL101"]
    assert codes(invoke(str(p), "--format", "json", "--config", str(tmp_path / "setup.cfg"))) == ["RL101"]


BAD_CONFIGS = {
    "broken_header": ("[report-lint\nignore = RL4\n", "section"),
    "duplicate_key": ("[report-lint]\nignore = RL4\nignore = RL2\n", "duplicate"),
    "interpolation": ("[report-lint]\nselect = %(foo)s\n", "%(FOO)S"),
    "fail_on": ("[report-lint]\nfail-on = warnings\n", "warnings"),
    "min_severity": ("[report-lint]\nmin-severity = warn\n", "warn"),
    "format": ("[report-lint]\nformat = xml\n", "xml"),
    "max_size": ("[report-lint]\nmax-size = inf\n", "inf"),
    "encoding": ("[report-lint]\nencoding = rot13\n", "rot13"),
    "unknown_code": ("[report-lint]\nselect = RL9\n", "RL9"),
}


@pytest.mark.parametrize("name", sorted(BAD_CONFIGS))
def test_bad_config_is_one_line(tmp_path, name):
    """--config: one line and exit 2; the same file found by discovery: a warning, defaults kept."""
    text, hint = BAD_CONFIGS[name]
    cfg = tmp_path / "setup.cfg"
    cfg.write_text(text, encoding="utf-8")
    p = tmp_path / "a.txt"
    p.write_text(CLEAN, encoding="utf-8")
    result = invoke(str(p), "--config", str(cfg))
    assert result.exit_code == 2, result.output
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("report-lint:") and " / " in lines[0], result.output
    assert hint in lines[0] and "setup.cfg" in lines[0]
    result = invoke(str(p))
    assert result.exit_code == 0, result.output  # the clean draft, linted with the defaults
    warnings = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(warnings) == 1 and "warning" in warnings[0] and hint in warnings[0], result.stderr
