"""Read a .docx as Word shows it: one line per paragraph, with where each line sits.

Body paragraphs, table cells (row by row, in document order), text boxes
(after the paragraph that anchors them) and foot/endnotes (at the end) each give one
line; headers and footers are left out. Automatic list labels are rendered into
the line (``Line.prefix`` characters, generated: fixes never edit them).
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import Any

from pipeline.document import Document
from pipeline.reader import InputError
from pipeline.word.numbering import Numbering
from pipeline.word.runs import FLATTEN, MC_FALLBACK, W_R, visible_text
from pipeline.word.safety import check_zip, encrypted_error, is_encrypted

try:
    from docx.oxml.ns import qn
except ImportError:  # pragma: no cover - declared dependency
    qn = None

W_P, W_TBL, W_TR, W_TC = (qn(f"w:{t}") for t in ("p", "tbl", "tr", "tc")) if qn else ("",) * 4
W_SDT, W_SDTCONTENT, W_CUSTOMXML = (qn(f"w:{t}") for t in ("sdt", "sdtContent", "customXml")) if qn else ("",) * 3
W_TXBX = qn("w:txbxContent") if qn else ""


@dataclass
class Line:
    """One line of ``Document.text``: a Word paragraph and where the user finds it."""

    kind: str  # body | cell | textbox | footnote (foot- or endnote) | empty
    where: str  # 第3段 / 表1 第2行第3列 / 文本框1 / 脚注1 / 尾注1 ("" for an empty paragraph)
    p: Any  # the w:p element
    prefix: int = 0  # characters of generated list label at the start of the line
    anchor: Any = None  # for a footnote: the body run that carries its reference mark
    fields: dict[str, int] = field(default_factory=dict)  # paragraph / table, row, column (1-based)


@dataclass
class WordLayout:
    """Where every line of a .docx document came from, and the open python-docx document."""

    lines: list[Line]
    docx: Any
    converted_from: str | None = None  # ".doc"/".wps" when LibreOffice made the .docx
    data: bytes = b""  # the .docx as read, so the copy can keep untouched parts byte for byte

    def line_of(self, doc: Document, offset: int) -> Line | None:
        line, _ = doc.line_col(offset)
        return self.lines[line - 1] if 0 < line <= len(self.lines) else None

    def where(self, doc: Document, offset: int) -> str:
        ln = self.line_of(doc, offset)
        return ln.where if ln else ""


class Walker:
    def __init__(self, wd) -> None:
        self.wd = wd
        part = wd.part
        try:
            numbering_el = part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            numbering_el = None
        try:
            styles_el = wd.styles.element
        except (KeyError, AttributeError):
            styles_el = None
        self.numbering = Numbering(numbering_el, styles_el)
        self.lines: list[Line] = []
        self.texts: list[str] = []
        self.paragraphs = self.tables = self.boxes = 0

    def block(self, el, where: str | None, kind: str, fields: dict[str, int] | None = None) -> None:
        for child in el:
            tag = child.tag
            if tag == W_P:
                self.paragraph(child, where, kind, fields or {})
            elif tag == W_TBL:
                self.table(child)
            elif tag == W_SDT:
                for sub in child.iterchildren(W_SDTCONTENT):
                    self.block(sub, where, kind, fields)
            elif tag == W_CUSTOMXML:
                self.block(child, where, kind, fields)

    def paragraph(self, p, where: str | None, kind: str, fields: dict[str, int]) -> None:
        label = self.numbering.label(p) if kind != "footnote" else ""
        label = label.translate(FLATTEN)
        text = label + visible_text(p)
        if where is None:  # a body paragraph: numbered among the non-empty ones, as Word counts them
            if text.strip():
                self.paragraphs += 1
                where, fields = f"第{self.paragraphs}段", {"paragraph": self.paragraphs}
            else:
                where, kind = "", "empty"
        self.lines.append(Line(kind, where, p, len(label), fields=fields))
        self.texts.append(text)
        for box in text_boxes(p):
            self.boxes += 1
            self.block(box, f"文本框{self.boxes}", "textbox", {"textbox": self.boxes})

    def table(self, tbl) -> None:
        self.tables += 1
        m = self.tables
        for r, tr in enumerate(tbl.iterchildren(W_TR), start=1):
            col = 1 + _grid(tr.find(f"{qn('w:trPr')}/{qn('w:gridBefore')}"), 0)
            for tc in tr.iterchildren(W_TC):
                span = _grid(tc.find(f"{qn('w:tcPr')}/{qn('w:gridSpan')}"), 1)
                self.block(tc, f"表{m} 第{r}行第{col}列", "cell", {"table": m, "row": r, "column": col})
                col += span

    def notes(self, kind: str = "footnote") -> None:
        """Footnote (or endnote) paragraphs, numbered in the order their marks appear in the body."""
        from docx.opc.constants import RELATIONSHIP_TYPE as RT
        from docx.oxml import parse_xml

        reltype, name = (RT.FOOTNOTES, "脚注") if kind == "footnote" else (RT.ENDNOTES, "尾注")
        try:
            part = self.wd.part.part_related_by(reltype)
            root = parse_xml(part.blob)
        except Exception:  # no such part, or one we cannot parse: the body still counts
            return
        notes = {fn.get(qn("w:id")): fn for fn in root.iterchildren(qn(f"w:{kind}"))
                 if fn.get(qn("w:type")) in (None, "normal")}
        seen = set()
        for ref in self.wd.element.body.iter(qn(f"w:{kind}Reference")):
            fid = ref.get(qn("w:id"))
            if fid in seen or fid not in notes:
                continue
            seen.add(fid)
            n = len(seen)
            run = ref.getparent() if ref.getparent().tag == W_R else None
            for p in notes[fid].iter(W_P):
                self.lines.append(Line("footnote", f"{name}{n}", p, 0, anchor=run, fields={kind: n}))
                self.texts.append(visible_text(p))


def _grid(el, default: int) -> int:
    try:
        return int(el.get(qn("w:val"))) if el is not None else default
    except (TypeError, ValueError):
        return default


def text_boxes(p):
    """Text boxes drawn from this paragraph (not the duplicate in a compatibility fallback)."""
    for box in p.iter(W_TXBX):
        anc = box.getparent()
        while anc is not None and anc is not p and anc.tag not in (MC_FALLBACK, W_TXBX):
            anc = anc.getparent()
        if anc is p:
            yield box


def open_docx(data: bytes, path: str, max_bytes: int):
    """python-docx's document for these bytes, after the zip has been checked; InputError otherwise."""
    if is_encrypted(data):
        raise encrypted_error(path)
    check_zip(data, path, max_bytes)
    try:
        import docx
    except ImportError as exc:  # pragma: no cover - declared dependency
        raise InputError(f"读取 .docx 需要 python-docx / python-docx missing: {exc}") from exc
    try:
        return docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises assorted zip/lxml/opc errors on damaged parts
        raise InputError(
            f"Word 文件已损坏或不是真正的 .docx，请用 Word/WPS 打开后重新保存 / corrupt .docx: {path}"
        ) from exc


def read_docx_document(data: bytes, path: str, max_bytes: int, converted_from: str | None = None) -> Document:
    """A ``Document`` whose text is what Word shows, with ``layout`` set for locations and write-back."""
    wd = open_docx(data, path, max_bytes)
    try:
        walker = Walker(wd)
        walker.block(wd.element.body, None, "body")
        walker.notes("footnote")
        walker.notes("endnote")
    except InputError:
        raise
    except Exception as exc:
        raise InputError(f"无法读取该 Word 文件（{type(exc).__name__}）/ unreadable .docx: {path}") from exc
    text = "\n".join(walker.texts)
    if not text.strip():
        raise InputError(f"Word 文件中没有正文文字 / no text in .docx: {path}")
    doc = Document(text, path=path, source="docx", encoding="docx")
    doc.layout = WordLayout(walker.lines, wd, converted_from, data)
    return doc


OLD_WORD = {".doc", ".wps"}
WORD_STREAM = "WordDocument".encode("utf-16-le")


def read_word_bytes(data: bytes, path: str, suffix: str, max_bytes: int) -> Document | None:
    """A .docx, or a .doc/.wps converted by LibreOffice when it is installed; None when neither applies."""
    from pipeline.word.convert import convert_bytes, soffice
    from pipeline.word.safety import OLE_MAGIC

    if is_encrypted(data):
        raise encrypted_error(path)
    if not data.startswith(OLE_MAGIC):
        return read_docx_document(data, path, max_bytes)
    if (suffix in OLD_WORD or WORD_STREAM in data) and soffice():
        converted = convert_bytes(data, suffix if suffix in OLD_WORD else ".doc", "docx", path)
        return read_docx_document(converted, path, max_bytes, converted_from=suffix or ".doc")
    return None
