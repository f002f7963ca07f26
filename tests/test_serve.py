"""``report-lint serve``: the page's check endpoint and the LanguageTool-compatible ``/v2`` API.

One server runs in a background thread on a free 127.0.0.1 port for the module and
stops at its end (every wait is bounded).
"""

from __future__ import annotations

import base64
import http.client
import io
import json
import os
import queue
import re
import signal
import socket
import subprocess
import sys
import threading
import urllib.error
import urllib.parse
import urllib.request
import uuid
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from click.testing import CliRunner

pytest.importorskip("starlette", reason="needs the serve extra: pip install '.[serve]'")
pytest.importorskip("uvicorn", reason="needs the serve extra: pip install '.[serve]'")
pytest.importorskip("python_multipart", reason="needs the serve extra: pip install '.[serve]'")

from pipeline.cli import main  # noqa: E402
from pipeline.config import Options  # noqa: E402
from pipeline.generate.stage import NO_TORCH  # noqa: E402
from pipeline.serve.background import serve_in_thread  # noqa: E402
from pipeline.serve.checker import Checker, text_docx  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
MAX_BYTES = 256 * 1024
PLAN_GAP = ("一、主要工作\n（一）加强督查落实。全年办理督查件12件，办结率100%。\n（二）强化信息调研。编发信息30期。\n"
            "（三）加强队伍建设。开展业务培训3次。\n二、下步工作打算\n一是抓好督查落实。\n二是抓好信息调研。")


@pytest.fixture(scope="module")
def checker() -> Checker:
    c = Checker(Options(max_bytes=MAX_BYTES))
    c.warm()
    return c


@pytest.fixture(scope="module")
def url(checker):
    with serve_in_thread(checker) as base:
        yield base


def request(url: str, data: bytes | None = None, headers: dict | None = None, method: str | None = None):
    """(status, content-type, body bytes) without raising on 4xx/5xx."""
    req = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(req, timeout=60) as resp:
            return resp.status, resp.headers.get("content-type", ""), resp.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers.get("content-type", ""), exc.read()


def post_form(url: str, fields: dict[str, str]):
    body = urllib.parse.urlencode(fields).encode()
    return request(url, body, {"Content-Type": "application/x-www-form-urlencoded"})


def post_multipart(url: str, fields: dict[str, str], files: dict[str, tuple[str, bytes]]):
    boundary = uuid.uuid4().hex
    out = io.BytesIO()
    for k, v in fields.items():
        out.write(f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode())
    for k, (name, data) in files.items():
        out.write(f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"; filename="{name}"\r\n'
                  f"Content-Type: application/octet-stream\r\n\r\n".encode())
        out.write(data + b"\r\n")
    out.write(f"--{boundary}--\r\n".encode())
    return request(url, out.getvalue(), {"Content-Type": f"multipart/form-data; boundary={boundary}"})


def v2_check(url: str, text: str, **extra):
    status, ctype, body = post_form(f"{url}/v2/check", {"text": text, "language": "zh-CN", **extra})
    assert status == 200, body.decode()
    assert ctype.startswith("application/json")
    return json.loads(body)


def utf16(s: str) -> int:
    return len(s.encode("utf-16-le")) // 2


# ---- LanguageTool API ----------------------------------------------------------------------
def test_languages_lists_chinese(url):
    status, _, body = request(f"{url}/v2/languages")
    assert status == 200
    langs = json.loads(body)
    assert {"name": "Chinese", "code": "zh", "longCode": "zh-CN"} in langs
    assert all(set(lang) == {"name", "code", "longCode"} for lang in langs)


@pytest.mark.shared
def test_v2_check_finds_the_seed_slips_at_their_offsets(url, seed_text):
    out = v2_check(url, seed_text)
    assert out["software"]["apiVersion"] == 1 and out["software"]["name"] == "report-lint"
    assert out["language"]["code"] == "zh-CN" and out["language"]["detectedLanguage"]["code"] == "zh-CN"
    placeholder = seed_text.index("督查件X件") + len("督查件")
    de = seed_text.index("较好的服务") + len("较好")
    by_place = {(m["offset"], m["rule"]["id"]): m for m in out["matches"]}
    x = by_place[(utf16(seed_text[:placeholder]), "RL101")]
    assert x["length"] == 1 and seed_text[placeholder:placeholder + 2] == "X件"
    d = by_place[(utf16(seed_text[:de]), "RL401")]
    assert d["length"] == 1 and d["replacements"] == [{"value": "地"}]
    ctx = d["context"]
    assert ctx["text"][ctx["offset"]:ctx["offset"] + ctx["length"]] == "的"
    assert "较好的服务于领导决策" in d["sentence"]
    for m in out["matches"]:  # the whole LanguageTool shape, every match
        assert {"message", "shortMessage", "offset", "length", "replacements", "context", "sentence", "type",
                "rule"} <= m.keys()
        assert {"id", "description", "issueType", "category"} <= m["rule"].keys()
        assert {"id", "name"} <= m["rule"]["category"].keys() and m["type"]["typeName"]


def test_offsets_count_utf16_units(url):
    text = "𠮷𠮷😀报告\n全年办理督查件X件，较好的服务于领导决策。"
    out = v2_check(url, text)
    x = next(m for m in out["matches"] if m["rule"]["id"] == "RL101")
    i = text.index("X件")
    assert x["offset"] == utf16(text[:i]) == i + 3 and x["length"] == 1
    de = next(m for m in out["matches"] if m["rule"]["id"] == "RL401")
    assert de["offset"] == utf16(text[:text.index("的服务")])


def test_v2_check_by_get_as_languagetool_allows(url):
    query = urllib.parse.urlencode({"text": "全年办理督查件X件。", "language": "auto"})
    status, _, body = request(f"{url}/v2/check?{query}")
    assert status == 200
    assert [m["rule"]["id"] for m in json.loads(body)["matches"]] == ["RL101"]


def test_windows_line_ends_keep_the_clients_offsets(url):
    text = "报告\r\n全年办理督查件X件。\r\n"
    x = next(m for m in v2_check(url, text)["matches"] if m["rule"]["id"] == "RL101")
    assert x["offset"] == text.index("X件")


def test_annotated_data_offsets_include_the_markup(url):
    data = {"annotation": [{"markup": "<p>"}, {"text": "全年办理督查件"}, {"markup": "<b>"}, {"text": "X件"},
                           {"markup": "</b>"}, {"markup": "</p>", "interpretAs": "\n\n"}]}
    status, _, body = post_form(f"{url}/v2/check", {"data": json.dumps(data, ensure_ascii=False), "language": "zh-CN"})
    assert status == 200, body.decode()
    original = "<p>全年办理督查件<b>X件</b></p>"
    x = next(m for m in json.loads(body)["matches"] if m["rule"]["id"] == "RL101")
    assert original[x["offset"]:x["offset"] + x["length"]] == "X"


def test_disabled_and_enabled_rules(url):
    text = "全年办理督查件X件，较好的服务于领导决策。"
    codes = {m["rule"]["id"] for m in v2_check(url, text)["matches"]}
    assert {"RL101", "RL401"} <= codes
    codes = {m["rule"]["id"] for m in v2_check(url, text, disabledRules="RL101,WHITESPACE_RULE")["matches"]}
    assert "RL101" not in codes and "RL401" in codes
    codes = {m["rule"]["id"] for m in v2_check(url, text, enabledRules="RL4", enabledOnly="true")["matches"]}
    assert codes == {"RL401"}


def test_language_tool_python_remote_mode(url):
    ltp = pytest.importorskip("language_tool_python", reason="language_tool_python not installed (test extra)")
    text = "𠮷报告\n全年办理督查件X件，较好的服务于领导决策。"
    tool = ltp.LanguageTool("zh-CN", remote_server=url)
    try:
        matches = tool.check(text)
    finally:
        tool.close()
    x = next(m for m in matches if m.rule_id == "RL101")
    assert text[x.offset:x.offset + x.error_length] == "X"  # the library maps UTF-16 back to Python offsets
    de = next(m for m in matches if m.rule_id == "RL401")
    assert text[de.offset:de.offset + de.error_length] == "的" and de.replacements == ["地"]
    assert ltp.utils.correct(text, [de]) == text.replace("较好的", "较好地")


# ---- bad input: clear Chinese message, a 4xx, and the server goes on ----------------------
@pytest.mark.parametrize("name, data, status, words", [
    ("big.txt", "督查".encode() * (MAX_BYTES // 6 + 10), 413, "过大"),
    ("noise.txt", bytes(range(256)) * 40, 400, "二进制"),
    ("broken.docx", b"PK\x03\x04 this is not really a zip archive", 400, "损坏"),
    # a broken .doc: "旧版" without LibreOffice, "无法转换" where soffice tries and fails
    ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, 400, ("旧版", "无法转换")),
    ("empty.txt", b"", 400, "为空"),
])
def test_bad_uploads_are_refused_in_chinese(url, name, data, status, words):
    got, ctype, body = post_multipart(f"{url}/api/check", {}, {"file": (name, data)})
    assert got == status and ctype.startswith("application/json")
    error = json.loads(body)["error"]
    assert any(w in error for w in ((words,) if isinstance(words, str) else words)), error
    got, _, body = post_form(f"{url}/api/check", {"text": "全年办理督查件X件。", "suggest": "0", "docx": "0"})
    assert got == 200 and json.loads(body)["findings"]


def test_oversize_body_refused_before_parsing(url):
    # only the headers are sent: the server answers from the declared length without waiting for the body
    conn = http.client.HTTPConnection(urllib.parse.urlsplit(url).netloc, timeout=30)
    try:
        conn.putrequest("POST", "/v2/check")
        conn.putheader("Content-Type", "application/x-www-form-urlencoded")
        conn.putheader("Content-Length", str(50 * MAX_BYTES))
        conn.endheaders()
        resp = conn.getresponse()
        assert resp.status == 413 and "过大" in resp.read().decode()
    finally:
        conn.close()
    # no declared length (chunked): refused once the bytes that arrived pass the limit
    conn = http.client.HTTPConnection(urllib.parse.urlsplit(url).netloc, timeout=30)
    try:
        chunks = (b"text=" + b"a" * (64 * 1024) if i == 0 else b"a" * (64 * 1024) for i in range(20))
        conn.request("POST", "/api/check", body=chunks, encode_chunked=True,
                     headers={"Content-Type": "application/x-www-form-urlencoded"})
        resp = conn.getresponse()
        assert resp.status == 413 and "过大" in json.loads(resp.read())["error"]
    finally:
        conn.close()
    status, _, body = post_form(f"{url}/v2/check", {"text": "督" * (MAX_BYTES // 3 + 5), "language": "zh-CN"})
    assert status == 400 and "过长" in body.decode()


@pytest.mark.parametrize("method, path, status, words", [
    ("GET", "/api/check", 405, "不支持"),
    ("PUT", "/v2/check", 405, "不支持"),
    ("DELETE", "/", 405, "不支持"),
    ("GET", "/nowhere", 404, "没有这个地址"),
    ("GET", "/static/../setup.cfg", 404, "没有这个地址"),
])
def test_wrong_method_or_path(url, method, path, status, words):
    got, _, body = request(f"{url}{path}", method=method)
    assert got == status and words in body.decode()


@pytest.mark.parametrize("fields, words", [
    ({"text": "全年办理督查件X件。"}, "缺少 language"),
    ({"text": "Hello", "language": "en-US"}, "只检查中文"),
    ({"data": "{not json", "language": "zh-CN"}, "data 不是合法"),
    ({"language": "zh-CN"}, "缺少 text 或 data"),
    ({"text": "X件", "language": "zh-CN", "enabledOnly": "true"}, "enabledRules"),
])
def test_v2_check_bad_parameters(url, fields, words):
    status, _, body = post_form(f"{url}/v2/check", fields)
    assert status == 400 and body.decode().startswith("Error: ") and words in body.decode()


def test_foreign_host_header_refused(url):
    status, _, _ = request(f"{url}/v2/languages", headers={"Host": "attacker.example"})
    assert status == 400
    assert request(f"{url}/v2/languages", headers={"Host": "localhost"})[0] == 200


# ---- ten requests at once ----------------------------------------------------------------
def test_ten_concurrent_requests_all_answer_correctly(url):
    texts = [f"第{i}份材料\n全年办理督查件{'X' * (i % 3 + 1)}件。" + "较好的服务于领导决策。" * (i % 4 + 1)
             for i in range(10)]
    serial = [v2_check(url, t) for t in texts]
    gate = threading.Barrier(10, timeout=30)

    def one(i: int):
        gate.wait()
        if i % 2:
            return v2_check(url, texts[i])
        status, _, body = post_form(f"{url}/api/check", {"text": texts[i], "suggest": "1", "docx": "1"})
        assert status == 200, body.decode()
        return json.loads(body)

    with ThreadPoolExecutor(10) as pool:
        results = list(pool.map(one, range(10)))
    for i, (got, want) in enumerate(zip(results, serial, strict=True)):
        if i % 2:
            assert got == want
        else:
            assert got["text"] == texts[i]
            assert [(f["code"], f["start16"]) for f in got["findings"]] == [
                (m["rule"]["id"], m["offset"]) for m in want["matches"]]
        assert sum(1 for m in want["matches"] if m["rule"]["id"] == "RL401") == i % 4 + 1


# ---- the page's endpoint ---------------------------------------------------------------------
def test_page_check_returns_everything_in_one_response(url):
    text = PLAN_GAP + "\n<script>alert(1)</script>较好的服务于领导。"
    status, _, body = post_form(f"{url}/api/check", {"text": text})
    assert status == 200
    out = json.loads(body)
    assert out["text"] == text  # returned as data; the page inserts it as text nodes
    codes = {f["code"] for f in out["findings"]}
    assert "RL401" in codes
    f = next(f for f in out["findings"] if f["code"] == "RL401")
    assert text[f["start16"]:f["end16"]] == "的" and f["family"] == "RL4" and f["suggestion"]
    dims = {r["dimension"] for r in out["coverage"]["rows"]}
    assert out["coverage"]["has_plan"] and dims
    assert any(c["raw"] == "12件" and c["line"] == 2 for c in out["claims"])
    assert out["report"]["files"][0]["findings"]  # the same JSON as `report-lint --format json`
    s = out["suggest"]
    assert s["available"] and s["method"] in ("lm", "template") and s["plan_block"]
    assert any(row["new"] for row in s["plan_block"])
    docx = out["docx"]
    if docx["available"]:
        assert zipfile.is_zipfile(io.BytesIO(base64.b64decode(docx["base64"])))
    else:
        assert "批注" in docx["note"]


def test_docx_upload_reads_like_the_cli(url):
    status, _, body = post_multipart(f"{url}/api/check", {"suggest": "0", "docx": "0"},
                                     {"file": ("草稿.docx", text_docx("全年办理督查件X件。"))})
    assert status == 200
    out = json.loads(body)
    assert out["source"] == "docx" and out["text"] == "全年办理督查件X件。"
    assert [f["code"] for f in out["findings"]] == ["RL101"]


def test_without_torch_the_plan_uses_templates(checker, monkeypatch):
    import pipeline.generate.lm as lm

    monkeypatch.setattr(lm, "torch_installed", lambda: False)
    out = checker.check_text(PLAN_GAP, suggest=True, docx=False)
    s = out["suggest"]
    assert s["available"] and NO_TORCH in s["notes"]
    assert s["method"] == "template" and any(row["new"] and row["text"] for row in s["plan_block"])


def test_page_and_assets_are_local(url):
    status, ctype, page = request(f"{url}/")
    assert status == 200 and ctype.startswith("text/html")
    html = page.decode()
    assert 'lang="zh-CN"' in html and "材料检查" in html and f'data-max-bytes="{MAX_BYTES}"' in html
    for asset in ("app.js", "style.css"):
        got, _, body = request(f"{url}/static/{asset}")
        assert got == 200
        assert "http://" not in body.decode() and "https://" not in body.decode()  # works offline, no CDN
    assert "https://" not in html and "http://" not in html
    assert "innerHTML" not in request(f"{url}/static/app.js")[2].decode()


# ---- the command ---------------------------------------------------------------------------
def test_serve_command_is_listed_and_explains_a_busy_port():
    runner = CliRunner()
    assert "serve" in runner.invoke(main, ["--help"]).output
    assert "--port" in runner.invoke(main, ["serve", "--help"]).output
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        port = busy.getsockname()[1]
        result = runner.invoke(main, ["serve", "--port", str(port)])
    assert result.exit_code == 1 and "端口" in result.output


def test_serve_command_starts_answers_and_stops_on_ctrl_c():
    proc = subprocess.Popen([sys.executable, "-m", "pipeline.cli", "serve", "--port", "0"], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: lines.put(proc.stdout.readline()), daemon=True).start()
    try:
        first = lines.get(timeout=120)
        found = re.search(r"http://127\.0\.0\.1:(\d+)/", first)
        assert found and "已启动" in first, first
        status, _, body = request(f"{found.group(0)}v2/languages")
        assert status == 200 and b"zh-CN" in body
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=30)
        assert proc.returncode == 0 and "已停止" in out, err
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate(timeout=10)


def test_serve_without_the_extra_says_how_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "uvicorn", None)  # as if the serve extra were not installed
    result = CliRunner().invoke(main, ["serve", "--port", "0"])
    assert result.exit_code == 1 and "report-lint[serve]" in result.output and "Traceback" not in result.output
