"""Reading Word as Word shows it: list labels, tables with coordinates, text boxes, footnotes; the
annotate/track-changes command line; hostile .docx files refused quickly."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from wordkit import PROBE, accept_all, build_draft, comment_ranges, comments, paragraph_xml, part_changes, set_num

from pipeline.cli import main
from pipeline.lint import analyse
from pipeline.reader import InputError
from pipeline.word.annotate import annotate_bytes, annotate_document
from pipeline.word.fixes import apply_fixes, choose_fixes
from pipeline.word.layout import read_docx_document
from pipeline.word.numbering import chinese_counting, format_number

ROOT = Path(__file__).resolve().parent.parent
DRAFT = [
    "办公室2025年工作总结",
    "今年以来，办公室围绕中心工作，积极的推进各项任务，完成率达到９８％。",
    "一是文稿起草更规范。全年起草各类材料XX份。",
    "二是督查督办更有力。建立台账，，每月通报。",
    "三是后勤保障更精细。完成会议保障工作。",
    "下步工作打算：",
    "第一，抓好文稿起草。",
    "第二，抓好督查督办。",
]
TABLE = [["项目", "数量"], ["编发简报", "２４期"]]


def read(data: bytes, name: str = "draft.docx"):
    return read_docx_document(data, name, 10 * 1024 * 1024)


def test_chinese_counting_as_word_draws_it():
    assert [chinese_counting(n) for n in (1, 9, 10, 11, 20, 21, 99, 100, 105, 110)] == [
        "一", "九", "十", "十一", "二十", "二十一", "九十九", "一百", "一百零五", "一百一十"]
    assert format_number(3, "chineseCountingThousand") == "三"
    assert format_number(12, "decimalEnclosedCircle") == "⑫"
    assert format_number(2, "chineseLegalSimplified") == "贰"
    assert format_number(4, "upperRoman") == "IV" and format_number(28, "lowerLetter") == "bb"
    assert format_number(7, "decimalFullWidth") == "７" and format_number(1, "bullet") == ""


def test_auto_numbered_labels_become_text_marked_generated():
    d = read(build_draft(DRAFT, TABLE, table_after=4))
    lines = d.text.split("\n")
    assert lines[:5] == DRAFT[:5]
    assert lines[-3:] == DRAFT[-3:]
    numbered = [(ln.where, ln.prefix) for ln in d.layout.lines if ln.prefix]
    assert numbered == [("第3段", 2), ("第4段", 2), ("第5段", 2), ("第7段", 3), ("第8段", 3)]


def _multi_level_doc() -> bytes:
    document = docx.Document()
    numbering = document.part.numbering_part.element
    numbering.insert(0, parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="97">'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>'
        '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/>'
        '<w:lvlRestart w:val="0"/></w:lvl></w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="70"><w:abstractNumId w:val="97"/></w:num>'))
    numbering.append(parse_xml(
        f'<w:num {nsdecls("w")} w:numId="71"><w:abstractNumId w:val="97"/>'
        '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>'))
    for num, lvl, text in [("70", 0, "总体情况"), ("70", 1, "文稿"), ("70", 2, "简报"), ("70", 1, "督查"),
                           ("70", 2, "台账"), ("70", 0, "主要问题"), ("70", 1, "短板"), ("70", 2, "不细"),
                           ("71", 0, "下步打算")]:
        p = document.add_paragraph(text)
        set_num(p, num, lvl)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def test_levels_restarts_and_start_override():
    d = read(_multi_level_doc())
    assert d.text.split("\n") == ["一、总体情况", "（一）文稿", "1.简报", "（二）督查", "2.台账", "二、主要问题",
                                  "（一）短板", "3.不细", "五、下步打算"]


def test_table_cells_have_coordinates_in_text_and_json(tmp_path):
    path = tmp_path / "draft.docx"
    path.write_bytes(build_draft(DRAFT, TABLE, table_after=4))
    result = CliRunner().invoke(main, [str(path), "--format", "json", "--select", "RL202"])
    found = json.loads(result.output)["files"][0]["findings"]
    cell = next(f for f in found if f["excerpt"] == "２４")
    assert cell["location"] == "表1 第2行第2列" and cell["word"] == {"table": 1, "row": 2, "column": 2}
    body = next(f for f in found if f["excerpt"] == "９８")
    assert body["location"] == "第2段" and body["word"] == {"paragraph": 2}
    text = CliRunner().invoke(main, [str(path), "--select", "RL202"]).output
    assert "（表1 第2行第2列）" in text and "（第2段）" in text


def test_text_box_read_once_and_footnotes_at_the_end():
    document = docx.Document()
    p = document.add_paragraph("正文第一段。")
    box = ('<w:txbxContent><w:p><w:r><w:t>文本框里的内容XX</w:t></w:r></w:p></w:txbxContent>')
    p._p.append(parse_xml(
        f'<w:r {nsdecls("w")} xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">'
        f'<mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>{box}</w:drawing></mc:Choice>'
        f'<mc:Fallback><w:pict>{box}</w:pict></mc:Fallback></mc:AlternateContent></w:r>'))
    q = document.add_paragraph("正文第二段")
    q._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:footnoteReference w:id="1"/></w:r>'))
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    notes = (f'<w:footnotes {nsdecls("w")}><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/>'
             '</w:r></w:p></w:footnote><w:footnote w:id="1"><w:p><w:r><w:t>注释中有XX。</w:t></w:r></w:p>'
             '</w:footnote></w:footnotes>').encode()
    content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
    part = Part(PackURI("/word/footnotes.xml"), content_type, notes, document.part.package)
    document.part.relate_to(part, RT.FOOTNOTES)
    q._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:endnoteReference w:id="2"/></w:r>'))
    ends = (f'<w:endnotes {nsdecls("w")}><w:endnote w:id="2"><w:p><w:r><w:t>尾注文字。</w:t></w:r></w:p>'
            '</w:endnote></w:endnotes>').encode()
    content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.endnotes+xml"
    document.part.relate_to(Part(PackURI("/word/endnotes.xml"), content_type, ends, document.part.package),
                            RT.ENDNOTES)
    buf = io.BytesIO()
    document.save(buf)
    d = read(buf.getvalue())
    assert d.text.split("\n") == ["正文第一段。", "文本框里的内容XX", "正文第二段", "注释中有XX。", "尾注文字。"]
    assert [ln.where for ln in d.layout.lines] == ["第1段", "文本框1", "第2段", "脚注1", "尾注1"]
    analyse(d)
    out = annotate_document(d)
    ranges = comment_ranges(out.data)
    assert out.comments == len(d.findings) and "XX" in ranges.values()  # the text box's finding, on its XX
    assert "" in ranges.values()  # the footnote's finding, on the footnote mark


def test_annotate_cli_default_name_never_over_input_or_existing(tmp_path):
    path = tmp_path / "draft.docx"
    path.write_bytes(build_draft(DRAFT))
    before = path.read_bytes()
    result = CliRunner().invoke(main, [str(path), "--annotate"])
    out = tmp_path / "draft.report-lint.docx"
    assert out.exists() and "已写出批注副本" in result.output
    assert path.read_bytes() == before
    stamp = out.read_bytes()
    again = CliRunner().invoke(main, [str(path), "--annotate"])
    assert again.exit_code == 2 and "--force" in again.output and out.read_bytes() == stamp
    assert CliRunner().invoke(main, [str(path), "--annotate", "--force"]).exit_code == 1
    same = CliRunner().invoke(main, [str(path), "-o", str(path), "--force"])
    assert same.exit_code == 2 and path.read_bytes() == before
    txt = tmp_path / "a.txt"
    txt.write_text("全年办理X件。\n", encoding="utf-8")
    assert CliRunner().invoke(main, [str(txt), "--annotate"]).exit_code == 2
    (tmp_path / "draft.report-lint.docx").unlink()
    both = CliRunner().invoke(main, [str(tmp_path), "--annotate"])  # a folder: the .txt is skipped with a note
    assert both.exit_code == 1 and "not a Word file" in both.output and out.exists()
    again = CliRunner().invoke(main, [str(tmp_path), "--annotate", "--force"])  # its own copies are not inputs
    assert not (tmp_path / "draft.report-lint.report-lint.docx").exists() and "共检查 2 个文件" in again.output


def test_comments_sit_on_the_exact_characters_and_other_paragraphs_are_untouched():
    data = build_draft(DRAFT, TABLE, table_after=4)
    d = read(data)
    analyse(d)
    out = annotate_document(d)
    found = comments(out.data)
    assert len(found) == len(d.findings) > 3
    ranges = comment_ranges(out.data)
    for (cid, author, text), f in zip(found, d.findings, strict=True):
        assert author == "report-lint" and text.startswith(f.code) and f.message in text
        line = d.layout.line_of(d, f.start)
        if d.line_col(f.start)[1] - 1 >= line.prefix:
            assert ranges[cid] == d.text[f.start:f.end], f
    touched = {d.line_col(f.start)[0] - 1 for f in d.findings} | {d.line_col(f.end - 1)[0] - 1 for f in d.findings}
    before, after = paragraph_xml(data), paragraph_xml(out.data)
    assert len(before) == len(after) == len(d.layout.lines)
    assert [b for i, b in enumerate(before) if i not in touched] == [a for i, a in enumerate(after) if i not in touched]
    assert any(before[i] != after[i] for i in touched)
    assert part_changes(data, out.data) == ({"word/comments.xml"}, set(),
                                       {"word/document.xml", "word/_rels/document.xml.rels", "[Content_Types].xml"})
    # formatting survives the split: the same sequence of (bold, italic, size) per character
    def styled(blob):
        doc = docx.Document(io.BytesIO(blob))
        return [(r.bold, r.italic, r.font.size, ch) for p in doc.paragraphs for r in p.runs for ch in r.text]
    assert styled(data) == styled(out.data)


def test_tracked_fixes_accepted_equal_the_fixed_text_and_labels_stay():
    data = build_draft(DRAFT, TABLE, table_after=4)
    d = read(data)
    analyse(d)
    fixes = choose_fixes(d, d.findings)
    assert {f.code for f in fixes} >= {"RL401", "RL202", "RL203"}
    out = annotate_document(d, fix_tracked=True)
    assert out.revisions == len(fixes)
    xml = docx.Document(io.BytesIO(out.data)).element.body.xml
    assert 'w:author="report-lint"' in xml and "<w:delText" in xml and "<w:ins " in xml
    accepted = read(accept_all(out.data))
    assert accepted.text == apply_fixes(d.text, fixes)
    assert "积极地推进" in accepted.text and "建立台账，每月" in accepted.text and "２４期" not in accepted.text
    assert accepted.text.split("\n")[2].startswith("一是")  # the generated label is not edited


def test_unsafe_fixes_only_when_asked():
    d = read(build_draft(["全年共办理来信来访约300余件。"]))
    analyse(d)
    assert choose_fixes(d, d.findings) == []
    risky = choose_fixes(d, d.findings, unsafe=True)
    assert risky and all(f.code == "RL301" for f in risky)


def test_annotate_bytes_for_the_web_page():
    data = build_draft(DRAFT)
    out = annotate_bytes(data, name="x.docx", fix_tracked=True)
    assert comments(out) and accept_all(out) != out
    with pytest.raises(InputError):
        annotate_bytes(b"PK\x03\x04broken", name="x.docx")
    with pytest.raises(InputError):
        annotate_bytes("纯文本".encode(), name="x.docx")


def _bomb(size_mb: int) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf, zipfile.ZipFile(io.BytesIO(build_draft(DRAFT))) as src:
        for info in src.infolist():
            if info.filename != "word/document.xml":
                zf.writestr(info, src.read(info))
        with zf.open("word/document.xml", "w", force_zip64=True) as fh:
            chunk = b" " * (1 << 20)
            for _ in range(size_mb):
                fh.write(chunk)
    return buf.getvalue()


def _encrypted() -> bytes:
    msoffcrypto = pytest.importorskip("msoffcrypto", reason="msoffcrypto-tool (test extra) builds the fixture")
    from msoffcrypto.format.ooxml import OOXMLFile

    out = io.BytesIO()
    OOXMLFile(io.BytesIO(build_draft(DRAFT))).encrypt("secret", out)
    assert msoffcrypto.OfficeFile(io.BytesIO(out.getvalue())).is_encrypted()
    return out.getvalue()


@pytest.mark.parametrize("kind", ["corrupt", "encrypted", "bomb"])
def test_hostile_docx_clear_error_fast_and_small(tmp_path, kind):
    good = build_draft(DRAFT)
    data = {"corrupt": lambda: good[: len(good) // 2], "encrypted": _encrypted, "bomb": lambda: _bomb(300)}[kind]()
    path = tmp_path / f"{kind}.docx"
    path.write_bytes(data)
    t0 = time.monotonic()
    proc = subprocess.run([sys.executable, "-c", PROBE, str(path), "--annotate"], capture_output=True, text=True,
                          cwd=ROOT, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}, timeout=60)
    elapsed = time.monotonic() - t0
    peak_mb = int(proc.stderr.split("PEAK_KB")[1].split()[0]) / 1024
    errors = [ln for ln in proc.stderr.splitlines() if ln.startswith("report-lint:")]
    hint = {"corrupt": "corrupt .docx", "encrypted": "encrypted", "bomb": "zip bomb"}[kind]
    assert proc.returncode == 2 and len(errors) == 1 and hint in errors[0] and "Traceback" not in proc.stderr
    assert elapsed < 5 and peak_mb < 500, (elapsed, peak_mb)
    assert not (tmp_path / f"{kind}.report-lint.docx").exists() and path.read_bytes() == data
    with pytest.raises(InputError):
        annotate_bytes(data, name=path.name)


def test_list_style_link_takes_its_levels_from_the_style():
    document = docx.Document()
    numbering = document.part.numbering_part.element
    numbering.insert(0, parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="96">'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="第%1，"/></w:lvl>'
        '</w:abstractNum>'))
    numbering.insert(1, parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="95"><w:numStyleLink w:val="OfficeList"/></w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="60"><w:abstractNumId w:val="96"/></w:num>'))
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="61"><w:abstractNumId w:val="95"/></w:num>'))
    document.styles.element.append(parse_xml(
        f'<w:style {nsdecls("w")} w:type="numbering" w:styleId="OfficeList"><w:name w:val="Office List"/>'
        '<w:pPr><w:numPr><w:numId w:val="60"/></w:numPr></w:pPr></w:style>'))
    for text in ("抓好文稿", "抓好督查"):
        set_num(document.add_paragraph(text), "61")
    buf = io.BytesIO()
    document.save(buf)
    assert read(buf.getvalue()).text.split("\n") == ["第一，抓好文稿", "第二，抓好督查"]


def test_hyperlinks_fields_insertions_read_hidden_deleted_header_footer_skipped():
    document = docx.Document()
    p = document.add_paragraph("见")
    p._p.append(parse_xml(
        f'<w:hyperlink {nsdecls("w", "r")} r:id="rId99"><w:r><w:t>通知（XX号）</w:t></w:r></w:hyperlink>'))
    p._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="begin"/></w:r>'))
    p._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:instrText> PAGE </w:instrText></w:r>'))
    p._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="separate"/></w:r>'))
    p._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:t>3</w:t></w:r>'))
    p._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="end"/></w:r>'))
    p._p.append(parse_xml(
        f'<w:del {nsdecls("w")} w:id="1" w:author="a"><w:r><w:delText>删掉的</w:delText></w:r></w:del>'))
    p._p.append(parse_xml(f'<w:ins {nsdecls("w")} w:id="2" w:author="a"><w:r><w:t>，新加的</w:t></w:r></w:ins>'))
    p._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:rPr><w:vanish/></w:rPr><w:t>隐藏文字</w:t></w:r>'))
    p._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:t>。</w:t></w:r>'))
    document.sections[0].header.paragraphs[0].text = "页眉XX"
    document.sections[0].footer.paragraphs[0].text = "第X页"
    buf = io.BytesIO()
    document.save(buf)
    d = read(buf.getvalue())
    assert d.text == "见通知（XX号）3，新加的。"
    analyse(d)
    out = annotate_document(d)
    assert "XX" in comment_ranges(out.data).values()  # anchored inside the hyperlink


@pytest.mark.parametrize("seed", range(6))
def test_random_overlapping_spans_comment_and_fix_exactly(seed):
    """Many overlapping findings over runs of every length: each comment covers its characters, the
    accepted copy equals the text with the chosen fixes, formatting per character is unchanged."""
    import random

    from pipeline.document import Finding

    rng = random.Random(seed)
    lines = ["".join(rng.choice("的地得，。％X办公室工作总结") for _ in range(rng.randint(5, 60))) for _ in range(30)]
    data = build_draft(lines, TABLE, table_after=10)
    d = read(data)
    findings = []
    for _ in range(300):
        start = rng.randrange(len(d.text) - 1)
        end = min(len(d.text), start + rng.randint(1, 8))
        if "\n" in d.text[start:end] and rng.random() < 0.5:
            end = d.text.index("\n", start)
        repl = rng.choice([None, "", "地", "%%"]) if "\n" not in d.text[start:end] else None
        findings.append(Finding("RL401", "de-for-di", "warning", start, max(end, start + 1), "m", "s", repl,
                                applicability="safe"))
    d.findings = sorted(findings, key=lambda f: (f.start, f.end))
    fixes = choose_fixes(d, d.findings)
    assert len(fixes) > 20
    out = annotate_document(d, fix_tracked=True)
    assert out.comments == len(d.findings) and out.revisions == len(fixes)
    plain = read(data)
    plain.findings = d.findings
    ranges = comment_ranges(annotate_document(plain).data)
    for (cid, _, _), f in zip(comments(out.data), d.findings, strict=True):
        kinds = {ln.kind for ln in d.layout.lines[d.line_col(f.start)[0] - 1:d.line_col(f.end - 1)[0]]}
        if d.text[f.start:f.end].strip("\n") and (kinds == {"body"} or kinds == {"cell"} and "\n" not in
                                                    d.text[f.start:f.end]):
            assert ranges[cid] == d.text[f.start:f.end].replace("\n", "")
    assert read(accept_all(out.data)).text == apply_fixes(d.text, fixes)
