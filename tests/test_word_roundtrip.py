"""The seed draft through Word and back: built as a .docx with mixed runs, auto-numbered 一是/第一 labels and
a table, it gives the .txt's findings; its annotated copy carries them as comments; LibreOffice renders
the comments into a PDF and converts .doc drafts for checking."""

from __future__ import annotations

import io
import json

import pytest
from click.testing import CliRunner
from wordkit import accept_all, build_draft, comment_ranges, comments, paragraph_xml, part_changes

from pipeline.cli import main
from pipeline.document import Document
from pipeline.lint import analyse
from pipeline.word.annotate import annotate_bytes, annotate_document
from pipeline.word.convert import PDF_WITH_COMMENTS, convert_bytes, soffice
from pipeline.word.fixes import apply_fixes, choose_fixes
from pipeline.word.layout import read_docx_document

TABLE = [["项目", "数量"], ["编发简报", "完成率９５％"]]
needs_soffice = pytest.mark.skipif(soffice() is None, reason="LibreOffice (soffice) not installed; "
                                   "scripts/test.sh installs libreoffice-writer-nogui when run as root")


@pytest.fixture
def seed_docx(seed_text):
    lines = seed_text.split("\n")
    after = next(i for i, line in enumerate(lines) if line.startswith("下步工作"))
    return seed_text, build_draft(lines, TABLE, table_after=after)


def test_seed_docx_gives_the_txt_findings(seed_docx):
    seed_text, data = seed_docx
    txt = analyse(Document(seed_text))
    d = analyse(read_docx_document(data, "seed.docx", 10 * 1024 * 1024))
    numbered = sum(1 for ln in d.layout.lines if ln.prefix)
    assert numbered == sum(1 for line in seed_text.split("\n") if line[:2] in ("一是", "二是", "三是", "四是", "五是",
                                                                              "六是", "第一", "第二", "第三", "第四",
                                                                              "第五", "第六")) > 0
    in_seed = [f for f in d.findings if d.layout.line_of(d, f.start).kind in ("body", "empty")]
    assert {(f.code, d.text[f.start:f.end]) for f in in_seed} == {(f.code, txt.text[f.start:f.end])
                                                                 for f in txt.findings}
    cell = [f for f in d.findings if f not in in_seed]
    assert [(f.code, d.layout.where(d, f.start)) for f in cell] == [("RL202", "表1 第2行第2列")] * len(cell) != []


def test_seed_annotated_copy(seed_docx):
    _, data = seed_docx
    d = analyse(read_docx_document(data, "seed.docx", 10 * 1024 * 1024))
    out = annotate_document(d).data
    found, ranges = comments(out), comment_ranges(out)
    assert len(found) == len(d.findings)
    for (cid, author, text), f in zip(found, d.findings, strict=True):
        assert author == "report-lint" and text.startswith(f"{f.code} {f.rule}")
        assert ranges[cid] == d.text[f.start:f.end] or d.line_col(f.start)[1] <= d.layout.line_of(d, f.start).prefix
    touched = {d.line_col(f.start)[0] - 1 for f in d.findings} | {d.line_col(f.end - 1)[0] - 1 for f in d.findings}
    before, after = paragraph_xml(data), paragraph_xml(out)
    assert [b for i, b in enumerate(before) if i not in touched] == [a for i, a in enumerate(after) if i not in touched]


def test_seed_tracked_copy_accepted_is_the_fixed_text(seed_docx):
    _, data = seed_docx
    for unsafe in (False, True):
        d = analyse(read_docx_document(data, "seed.docx", 10 * 1024 * 1024))
        fixes = choose_fixes(d, d.findings, unsafe)
        assert fixes
        out = annotate_document(d, fix_tracked=True, unsafe_fixes=unsafe).data
        accepted = read_docx_document(accept_all(out), "seed.docx", 10 * 1024 * 1024)
        assert accepted.text == apply_fixes(d.text, fixes) != d.text


@needs_soffice
@pytest.mark.slow
def test_libreoffice_renders_the_comments_into_pdf(seed_docx):
    from pypdf import PdfReader

    _, data = seed_docx
    d = analyse(read_docx_document(data, "seed.docx", 10 * 1024 * 1024))
    pdf = convert_bytes(annotate_document(d).data, ".docx", PDF_WITH_COMMENTS)
    notes = [str(a.get_object().get("/Contents")) for page in PdfReader(io.BytesIO(pdf)).pages
             for a in page.get("/Annots") or [] if a.get_object().get("/Subtype") == "/Text"]
    assert len(notes) == len(d.findings)
    for f in d.findings:
        assert any(f.code in n and f.message in n for n in notes), f


@needs_soffice
@pytest.mark.slow
def test_libreoffice_reads_the_tracked_changes(seed_docx):
    _, data = seed_docx
    d = analyse(read_docx_document(data, "seed.docx", 10 * 1024 * 1024))
    fixes = choose_fixes(d, d.findings)
    flat = convert_bytes(annotate_document(d, fix_tracked=True).data, ".docx", "fodt").decode("utf-8")
    assert flat.count("<text:deletion") == flat.count("<text:insertion") == len(fixes) > 0
    assert flat.count("<dc:creator>report-lint</dc:creator>") >= len(fixes) + len(d.findings)


@needs_soffice
@pytest.mark.slow
def test_doc_is_converted_with_libreoffice_and_checked(tmp_path, seed_docx):
    _, data = seed_docx
    path = tmp_path / "seed.doc"
    path.write_bytes(convert_bytes(data, ".docx", "doc"))
    direct = analyse(read_docx_document(data, "seed.docx", 10 * 1024 * 1024))
    result = CliRunner().invoke(main, [str(path), "--format", "json", "--annotate"])
    assert "LibreOffice" in result.stderr
    out = json.loads(result.stdout[result.stdout.index("{"):])["files"][0]
    assert out["converted_from"] == ".doc"
    assert {(f["code"], f["excerpt"]) for f in out["findings"]} == {(f.code, direct.text[f.start:f.end])
                                                                    for f in direct.findings}
    copy = tmp_path / "seed.report-lint.docx"
    assert len(comments(copy.read_bytes())) == len(out["findings"])
    made_by_libreoffice = convert_bytes(path.read_bytes(), ".doc", "docx")  # another writer's XML, kept as is
    assert part_changes(made_by_libreoffice, annotate_bytes(made_by_libreoffice)) == (
        {"word/comments.xml"}, set(), {"word/document.xml", "word/_rels/document.xml.rels", "[Content_Types].xml"})
    wps = tmp_path / "kingsoft.wps"  # WPS Writer's .wps is a Word 97 container; LibreOffice reads it by content
    wps.write_bytes(path.read_bytes())
    result = CliRunner().invoke(main, [str(wps), "--format", "json"])
    assert {(f["code"], f["excerpt"]) for f in json.loads(result.stdout)["files"][0]["findings"]} == {
        (f["code"], f["excerpt"]) for f in out["findings"]}
