"""Bad and unusual inputs: every encoding, empty, binary, broken Word files, huge files, folders, stdin.

Each case checks the exit code, that no traceback reaches the user, that an
error is one line naming the file, and that the input file is left untouched.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.cli import main

ROOT = Path(__file__).resolve().parent.parent
DRAFT = "全年办理督查件X件，较好的服务于领导决策。\n第二段：编发简报24期。\n"
CLEAN = "全年编发简报24期，办结率98.5%。\n"


def make_docx(path: Path) -> Path:
    """The Word sample, written by the project's own script (python-docx)."""
    spec = importlib.util.spec_from_file_location("make_sample_docx", ROOT / "scripts" / "make_sample_docx.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.build(path)


def fingerprint(path: Path) -> tuple[str, int]:
    return hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns


def run(*args: str, stdin: bytes | None = None):
    result = CliRunner().invoke(main, list(args), input=stdin)
    assert "Traceback" not in result.output, result.output
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit), result.exception
    return result


def error_lines(result) -> list[str]:
    return [line for line in result.output.splitlines() if line.startswith("report-lint:")]


def lint_json(*args: str, stdin: bytes | None = None) -> tuple[int, dict]:
    result = run(*args, "--format", "json", stdin=stdin)
    start = result.stdout.index("{")
    return result.exit_code, json.loads(result.stdout[start:])


ENCODINGS = {
    "utf8.txt": DRAFT.encode("utf-8"),
    "utf8_bom.txt": b"\xef\xbb\xbf" + DRAFT.encode("utf-8"),
    "gb18030.txt": DRAFT.encode("gb18030"),
    "gbk.txt": DRAFT.encode("gbk"),
    "utf16le_bom.txt": b"\xff\xfe" + DRAFT.encode("utf-16-le"),
    "utf16be_bom.txt": b"\xfe\xff" + DRAFT.encode("utf-16-be"),
    "utf16le.txt": DRAFT.encode("utf-16-le"),
    "utf16be.txt": DRAFT.encode("utf-16-be"),
    "crlf.txt": DRAFT.replace("\n", "\r\n").encode("utf-8"),
}


@pytest.mark.parametrize("name", sorted(ENCODINGS))
def test_each_encoding_reads_the_same_text(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(ENCODINGS[name])
    before = fingerprint(path)
    code, out = lint_json(str(path))
    assert code == 1  # the draft has an unfilled number
    found = {(f["code"], f["line"], f["column"]) for f in out["files"][0]["findings"]}
    assert ("RL101", 1, 8) in found, out
    assert ("RL401", 1, 13) in found, out
    assert out["files"][0]["paragraphs"][1]["text"].startswith("第二段")
    assert fingerprint(path) == before


def test_encoding_override(tmp_path):
    path = tmp_path / "old_system.txt"
    path.write_bytes(DRAFT.encode("gbk"))
    code, out = lint_json(str(path), "--encoding", "gbk")
    assert code == 1 and out["files"][0]["encoding"] == "gbk"
    # forcing a codec that does not fit gives a clear error, not mojibake
    result = run(str(path), "--encoding", "utf-16")
    assert result.exit_code == 2
    assert any("utf-16" in line and str(path) in line for line in error_lines(result))


def test_unknown_encoding_name_is_a_usage_error(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(CLEAN, encoding="utf-8")
    result = run(str(path), "--encoding", "no-such-codec")
    assert result.exit_code == 2
    assert len(error_lines(result)) == 1 and "no-such-codec" in error_lines(result)[0]


BAD = {
    "empty.txt": (b"", "empty"),
    "blank.txt": (b"  \n\n\t \n", "whitespace"),
    "random.txt": (bytes(range(256)) * 40, "binary"),
    "photo.jpg.txt": (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(range(256)) * 20, "binary"),
    "broken.docx": (b"PK\x03\x04" + b"not really a zip" * 20, ".docx"),
    "renamed.docx": ("这只是改了扩展名的文本".encode(), ".docx"),
    "old.doc": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "docx"),
    "old.wps": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "docx"),
    "ole_as.txt": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "docx"),
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_input_is_one_clear_line_and_exit_2(tmp_path, name):
    data, hint = BAD[name]
    path = tmp_path / name
    path.write_bytes(data)
    before = fingerprint(path)
    result = run(str(path))
    assert result.exit_code == 2
    lines = error_lines(result)
    assert len(lines) == 1, result.output
    assert str(path) in lines[0] and hint in lines[0]
    assert "/" in lines[0]  # Chinese, then the English gist after " / "
    assert fingerprint(path) == before


def test_other_files_are_still_checked_after_a_bad_one(tmp_path):
    bad = tmp_path / "a_old.doc"
    bad.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100)
    good = tmp_path / "b_draft.txt"
    good.write_text(DRAFT, encoding="utf-8")
    code, out = lint_json(str(bad), str(good))
    assert code == 2
    files = {Path(f["path"]).name: f for f in out["files"]}
    assert "error" in files["a_old.doc"]
    assert any(f["code"] == "RL101" for f in files["b_draft.txt"]["findings"])


def test_missing_file(tmp_path):
    result = run(str(tmp_path / "nowhere.txt"))
    assert result.exit_code == 2 and "nowhere.txt" in error_lines(result)[0]


def test_twenty_megabytes_is_refused_by_default(tmp_path):
    path = tmp_path / "huge.txt"
    line = ("全年编发简报24期，报送信息120条，办结率98.5%。" * 20 + "\n").encode("utf-8")
    with open(path, "wb") as fh:
        for _ in range(20 * 1024 * 1024 // len(line) + 1):
            fh.write(line)
    assert path.stat().st_size > 20 * 1024 * 1024
    before = fingerprint(path)
    result = run(str(path))
    assert result.exit_code == 2
    lines = error_lines(result)
    assert len(lines) == 1 and "huge.txt" in lines[0] and "--max-size" in lines[0]
    assert fingerprint(path) == before


def test_max_size_is_a_limit_not_a_guess(tmp_path):
    """A file just under --max-size is linted in full; one just over is refused."""
    para = "办公室全年编发简报24期，报送信息120条，较好的服务于领导决策。\n"
    path = tmp_path / "big.txt"
    path.write_text(para * 500, encoding="utf-8")  # about 48 KB
    size_mb = path.stat().st_size / 1024 / 1024
    code, out = lint_json(str(path), "--max-size", f"{size_mb * 1.05:.4f}", "--select", "RL4")
    assert code == 0  # RL401 is a warning
    assert sum(f["code"] == "RL401" for f in out["files"][0]["findings"]) == 500
    result = run(str(path), "--max-size", f"{size_mb * 0.9:.4f}")
    assert result.exit_code == 2 and "big.txt" in error_lines(result)[0]


def test_directory_lints_every_txt_md_docx_inside(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / ".hidden").mkdir()
    (tmp_path / "a.txt").write_text(DRAFT, encoding="utf-8")
    (tmp_path / "b.md").write_text("# 标题\n" + DRAFT, encoding="utf-8")
    (tmp_path / "sub" / "c.TXT").write_text(CLEAN, encoding="utf-8")
    make_docx(tmp_path / "sub" / "d.docx")
    (tmp_path / "e.pdf").write_bytes(b"%PDF-1.4 not ours")
    (tmp_path / "notes.csv").write_text("a,b\n", encoding="utf-8")
    (tmp_path / ".hidden" / "f.txt").write_text(DRAFT, encoding="utf-8")
    before = {p: fingerprint(p) for p in tmp_path.rglob("*") if p.is_file()}
    code, out = lint_json(str(tmp_path))
    names = sorted(Path(f["path"]).name for f in out["files"])
    assert names == ["a.txt", "b.md", "c.TXT", "d.docx"]
    assert all("error" not in f for f in out["files"])
    assert code == 1
    assert {p: fingerprint(p) for p in before} == before


def test_docx_paragraphs_and_table_cells_in_order(tmp_path):
    path = make_docx(tmp_path / "court.docx")
    before = fingerprint(path)
    code, out = lint_json(str(path))
    f = out["files"][0]
    texts = [p["text"] for p in f["paragraphs"]]
    assert texts[0].startswith("区人民法院办公室")
    assert texts.index("X件") > texts.index("主要数据如下表：")  # the table sits where Word shows it
    assert texts.index("X件") < texts.index("二、2026年工作打算")
    hit = next(x for x in f["findings"] if x["code"] == "RL101")
    assert texts[[p["line"] for p in f["paragraphs"]].index(hit["line"])] == "X件"
    assert code == 1 and fingerprint(path) == before


def test_stdin_dash():
    code, out = lint_json("-", stdin=DRAFT.encode("utf-8"))
    assert code == 1
    assert out["files"][0]["path"] == "<stdin>"
    code, out = lint_json("-", stdin=DRAFT.encode("gb18030"))
    assert code == 1 and any(f["code"] == "RL101" for f in out["files"][0]["findings"])


def test_stdin_empty_is_an_input_error():
    result = run("-", stdin=b"")
    assert result.exit_code == 2 and "stdin" in error_lines(result)[0]


def test_real_process_stdin_and_exit_codes(tmp_path):
    """One end-to-end run in a fresh interpreter: stdin, exit code, no traceback."""
    proc = subprocess.run([sys.executable, "-m", "pipeline.cli", "-", "--select", "RL1"], input=DRAFT.encode(),
                          capture_output=True, cwd=ROOT, timeout=120)
    assert proc.returncode == 1, proc.stderr.decode()
    assert b"Traceback" not in proc.stdout + proc.stderr
    assert "<stdin>:1:8: RL101" in proc.stdout.decode()
    bad = tmp_path / "x.wps"
    bad.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100)
    proc = subprocess.run([sys.executable, "-m", "pipeline.cli", str(bad)], capture_output=True, cwd=ROOT,
                          timeout=120)
    assert proc.returncode == 2 and b"Traceback" not in proc.stderr
    assert len(proc.stderr.decode().strip().splitlines()) == 1


# ---- hostile sizes: zip bombs, stdin, digit rows ---------------------------------------------

def _docx_with(tmp_path: Path, name: str, document_xml: bytes | None = None, extra: dict | None = None,
               declare: int | None = None) -> Path:
    """The Word sample with document.xml replaced (or a part added); ``declare`` fakes its declared size."""
    import struct
    import zipfile

    base = make_docx(tmp_path / f"base_{name}")
    out = tmp_path / name
    with zipfile.ZipFile(base) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == "word/document.xml" and document_xml is not None:
                data = document_xml
            zout.writestr(info.filename, data)
        for k, v in (extra or {}).items():
            zout.writestr(k, v)
    if declare is not None:  # a header that lies about the inflated size, in both directories
        raw = bytearray(out.read_bytes())
        with zipfile.ZipFile(out) as z:
            info = z.getinfo("word/document.xml")
        raw[info.header_offset + 22:info.header_offset + 26] = struct.pack("<I", declare)
        at = raw.find(b"PK\x01\x02")
        while at >= 0:
            n = struct.unpack("<H", raw[at + 28:at + 30])[0]
            if bytes(raw[at + 46:at + 46 + n]) == b"word/document.xml":
                raw[at + 24:at + 28] = struct.pack("<I", declare)
            at = raw.find(b"PK\x01\x02", at + 4)
        out.write_bytes(bytes(raw))
    return out


def _body(paragraphs: int) -> bytes:
    para = "<w:p><w:r><w:t>" + "全年编发简报24期。" * 40 + "</w:t></w:r></w:p>"
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
            + para * paragraphs + "</w:body></w:document>").encode()


@pytest.mark.parametrize("kind", ["document", "lying_header", "other_part"])
def test_zip_bombs_are_refused_quickly(tmp_path, kind):
    """With --max-size 1 the inflated budget is 16 MB; each bomb holds about 20 MB."""
    import time

    big = _body(20 * 1024 * 1024 // 1200)
    if kind == "document":
        path = _docx_with(tmp_path, "bomb.docx", big)
    elif kind == "lying_header":
        path = _docx_with(tmp_path, "bomb.docx", big, declare=1000)
    else:
        path = _docx_with(tmp_path, "bomb.docx", extra={"word/media/pad.bin": b"\0" * (20 << 20)})
    assert path.stat().st_size < 1024 * 1024
    before = fingerprint(path)
    t0 = time.perf_counter()
    result = run(str(path), "--max-size", "1")
    assert time.perf_counter() - t0 < 5
    assert result.exit_code == 2
    lines = error_lines(result)
    assert len(lines) == 1 and "bomb.docx" in lines[0], result.output
    assert fingerprint(path) == before


def test_docx_text_over_max_size_is_refused(tmp_path):
    """Text that inflates within the XML budget but is longer than --max-size is still refused."""
    path = _docx_with(tmp_path, "long.docx", _body(4000))  # ~4.8 MB of XML, ~0.5 M characters
    result = run(str(path), "--max-size", "0.3")
    assert result.exit_code == 2 and "long.docx" in error_lines(result)[0]


def test_stdin_obeys_max_size():
    data = ("全年编发简报24期，办结率98.5%。\n" * 40000).encode("utf-8")  # about 1.5 MB
    result = run("-", "--max-size", "1", stdin=data)
    assert result.exit_code == 2
    lines = error_lines(result)
    assert len(lines) == 1 and "stdin" in lines[0] and "--max-size" in lines[0]


def test_two_hundred_thousand_digits_in_a_row(tmp_path):
    path = tmp_path / "digits.txt"
    path.write_text("全年编发简报" + "7" * 200_000 + "期。\n共受理来信" + "9" * 5000 + "件，办结率98.5%。\n",
                    encoding="utf-8")
    code, out = lint_json(str(path))
    assert code in (0, 1)
    assert "error" not in out["files"][0]


# ---- bad option values ----------------------------------------------------------------------

@pytest.mark.parametrize("args", [
    ["--max-size", "inf"], ["--max-size", "nan"], ["--max-size", "-1"], ["--max-size", "lots"],
    ["--encoding", "rot13"], ["--encoding", "hex"], ["--encoding", "base64"],
    ["--select", "RL9"], ["--ignore", "RL9"], ["--extend-ignore", "XX1"],
])
def test_bad_option_values_are_one_line_exit_2(tmp_path, args):
    path = tmp_path / "a.txt"
    path.write_text(CLEAN, encoding="utf-8")
    result = run(str(path), *args)
    assert result.exit_code == 2, result.output
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("report-lint:") and " / " in lines[0], result.output
    assert args[1] in lines[0]


def test_full_disk_on_stdout_is_a_message(tmp_path):
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full on this system")
    path = tmp_path / "a.txt"
    path.write_text(DRAFT * 200, encoding="utf-8")
    for extra in ([], ["--format", "json"]):
        with open("/dev/full", "w") as full:
            proc = subprocess.run([sys.executable, "-m", "pipeline.cli", str(path), *extra], stdout=full,
                                  stderr=subprocess.PIPE, cwd=ROOT, timeout=120)
        err = proc.stderr.decode()
        assert proc.returncode == 2 and "Traceback" not in err and "Exception ignored" not in err, err
        assert len(err.strip().splitlines()) == 1 and "cannot write output" in err


def test_report_html_to_an_unwritable_place(tmp_path):
    from pipeline.archive.batch import run_batch

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("临江市审计局2025年工作总结\n全年编发《审计信息》54期。\n", encoding="utf-8")
    db_path = tmp_path / "a.sqlite"
    run_batch([str(tmp_path / "in")], str(db_path), jobs=1, progress=False)
    for target in (tmp_path / "no" / "such" / "dir" / "r.html", tmp_path / "in" / "a.txt" / "r.html"):
        result = run("report", str(db_path), "--html", str(target))
        assert result.exit_code != 0
        lines = error_lines(result)
        assert len(lines) == 1 and "cannot write" in lines[0], result.output


def test_unreachable_dask_scheduler_fails_fast(tmp_path):
    import socket
    import time

    pytest.importorskip("distributed")
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("临江市审计局2025年工作总结\n全年编发《审计信息》54期。\n", encoding="utf-8")
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    t0 = time.perf_counter()
    result = run("batch", str(tmp_path / "in"), "--db", str(tmp_path / "a.sqlite"), "--engine", "dask",
                 "--scheduler", f"tcp://127.0.0.1:{port}", "-q")
    assert time.perf_counter() - t0 < 10
    assert result.exit_code != 0
    lines = error_lines(result)
    assert len(lines) == 1 and "scheduler" in lines[0], result.output


def test_batch_timeout_makes_an_error_row(tmp_path):
    import sqlite3

    from pipeline.archive.batch import run_batch

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "slow.txt").write_text("临江市审计局2025年工作总结\n" + "认真的做好" * 60000 + "\n",
                                             encoding="utf-8")
    (tmp_path / "in" / "quick.txt").write_text("临江市审计局2024年工作总结\n全年编发《审计信息》54期。\n",
                                              encoding="utf-8")
    db_path = tmp_path / "a.sqlite"
    counts = run_batch([str(tmp_path / "in")], str(db_path), jobs=1, progress=False,
                       options={"timeout": 0.05})
    assert counts.failed == 1 and counts.analysed == 1
    conn = sqlite3.connect(db_path)
    (message,) = conn.execute("SELECT message FROM errors").fetchone()
    conn.close()
    assert "timed out" in message


def test_unexpected_error_is_one_line_with_a_hint(tmp_path, monkeypatch):
    import pipeline.lint

    def broken(*a, **k):
        raise RuntimeError("boom")

    monkeypatch.setattr(pipeline.lint, "analyse", broken)
    path = tmp_path / "a.txt"
    path.write_text(CLEAN, encoding="utf-8")
    result = run(str(path))
    assert result.exit_code == 2
    lines = error_lines(result)
    assert len(lines) == 1 and "a.txt" in lines[0] and "--debug" in lines[0] and "boom" in lines[0]
    result = CliRunner().invoke(main, [str(path), "--debug"])
    assert isinstance(result.exception, RuntimeError)  # --debug lets the traceback through
