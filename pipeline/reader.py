"""Read a draft from .txt/.md (any common Chinese encoding), .docx or stdin.

Drafts come from Windows Notepad (UTF-8 with BOM, UTF-16), WPS and older
systems (GB18030/GBK) and Word. Every failure becomes an ``InputError`` with a
one-line bilingual message; the input file is only ever opened for reading.
"""

from __future__ import annotations

import codecs
import io
import sys
import zipfile
from pathlib import Path

from pipeline.document import Document
from pipeline.errors import InputError

TEXT_SUFFIXES = {".txt", ".md", ".text", ""}
DOCX_SUFFIXES = {".docx"}
WORD_SUFFIXES = {".docx", ".doc", ".wps"}  # read by pipeline.word (LibreOffice converts the old two)
LEGACY_SUFFIXES = {".doc", ".wps", ".et", ".dps", ".rtf", ".pdf", ".xls", ".xlsx", ".ppt", ".pptx"}
LINTABLE_SUFFIXES = {".txt", ".md", ".docx"}
DEFAULT_MAX_BYTES = 10 * 1024 * 1024
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def read_path(path: str, encoding: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    if path == "-":
        data = sys.stdin.buffer.read(max_bytes + 1)
        if len(data) > max_bytes:
            raise InputError(f"标准输入超过上限 {max_bytes / 1024 / 1024:.0f} MB，请拆分后再检查"
                             f"或用 --max-size 调高上限 / stdin too large: <stdin>")
        text, enc = decode_bytes(data, encoding, "<stdin>")
        return Document(text, path="<stdin>", source="stdin", encoding=enc)
    p = Path(path)
    if not p.exists():
        raise InputError(f"找不到文件 / file not found: {path}")
    if p.is_dir():
        raise InputError(f"这是一个文件夹 / is a directory: {path}")
    size = p.stat().st_size
    if size == 0:
        raise InputError(empty_file(path))
    if size > max_bytes:
        raise InputError(too_large(size, max_bytes, path))
    with open(p, "rb") as fh:
        data = fh.read()
    return read_bytes(data, path, encoding, max_bytes)


# The reader's messages, one set for the plain lint, the archive and the web service.
def empty_file(path: str) -> str:
    return f"文件为空，没有可检查的内容 / empty file: {path}"


def unsupported_format(suffix: str, path: str) -> str:
    return (f"不支持旧版 Word/WPS 等格式（{suffix or '二进制'}），请在 Word 或 WPS 中“另存为”.docx 或 .txt"
            f" 后再检查 / unsupported format, save as .docx or .txt: {path}")


def too_large(size: int, max_bytes: int, path: str) -> str:
    return (f"文件过大（{size / 1024 / 1024:.1f} MB，上限 {max_bytes / 1024 / 1024:.0f} MB），"
            f"请拆分后再检查或用 --max-size 调高上限 / file too large: {path}")


def read_bytes(data: bytes, path: str, encoding: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """A draft already in memory (an upload): the same checks and decoding as a file named ``path``."""
    if not data:
        raise InputError(empty_file(path))
    if len(data) > max_bytes:
        raise InputError(too_large(len(data), max_bytes, path))
    suffix = Path(path).suffix.lower()
    if (suffix in WORD_SUFFIXES or data.startswith(OLE_MAGIC)
            or (data[:2] == b"PK" and suffix not in TEXT_SUFFIXES | LEGACY_SUFFIXES)):
        from pipeline.word.layout import read_word_bytes

        if not data.startswith(OLE_MAGIC):
            check_docx_size(data, path, max_bytes)  # before anything is inflated whole
        doc = read_word_bytes(data, path, suffix, max_bytes)
        if doc is not None and len(doc.text) > max_bytes:
            raise _too_large_inflated(path, max_bytes)  # --max-size holds for the text as well
        if doc is not None:
            return doc
    if suffix in LEGACY_SUFFIXES or data.startswith(OLE_MAGIC):
        raise InputError(unsupported_format(suffix, path))
    text, enc = decode_bytes(data, encoding, path)
    return Document(text, path=path, source="txt", encoding=enc)


# Word's XML holds its text several times over in markup; past this many bytes per byte of
# --max-size a .docx is refused before python-docx inflates it (a zip bomb would take gigabytes).
XML_PER_TEXT = 4
MIN_INFLATED = 16 * 1024 * 1024
MAX_MEMBERS = 5000
CHUNK = 1 << 20


def check_docx_size(data: bytes, path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
    """Refuse a .docx whose parts would inflate past the budget, before anything is inflated whole.

    The declared sizes of all parts are summed first (cheap); then document.xml is
    inflated in 1 MB chunks and counted, since a crafted header may declare less
    than its stream holds. Bad zips are left to python-docx's own error.
    """
    budget = max(XML_PER_TEXT * max_bytes, MIN_INFLATED)
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError):
        return
    with zf:
        infos = zf.infolist()
        if len(infos) > MAX_MEMBERS or sum(i.file_size for i in infos) > budget:
            raise _too_large_inflated(path, max_bytes)
        main = next((i for i in infos if i.filename.lower() == "word/document.xml"), None)
        if main is None:
            return
        inflated = 0
        try:
            with zf.open(main) as fh:
                while chunk := fh.read(CHUNK):
                    inflated += len(chunk)
                    if inflated > budget:
                        raise _too_large_inflated(path, max_bytes)
        except InputError:
            raise
        except Exception:  # a damaged stream (bad CRC, truncated): python-docx reports it below
            return


def _too_large_inflated(path: str, max_bytes: int) -> InputError:
    return InputError(f"Word 文件解压后过大（正文上限 {max_bytes / 1024 / 1024:.0f} MB），可能已损坏或是压缩炸弹；"
                      f"确需检查可用 --max-size 调高上限 / .docx inflates too large (zip bomb?): {path}")


BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode_bytes(data: bytes, encoding: str | None, path: str) -> tuple[str, str]:
    """Decode text bytes; ``encoding`` forces a codec, otherwise it is detected."""
    if not data:
        raise InputError(empty_file(path))
    if encoding:
        try:
            return _checked(data.decode(encoding), path), encoding
        except LookupError as exc:  # unknown, or not a text encoding (rot13, hex, base64)
            raise InputError(f"不认识的编码名 / unknown encoding: {encoding}") from exc
        except UnicodeDecodeError as exc:
            raise InputError(
                f"按 {encoding} 编码无法读取（第 {exc.start} 字节），请确认文件编码"
                f" / cannot decode as {encoding}: {path}"
            ) from exc
    for bom, enc in BOMS:
        if data.startswith(bom):
            try:
                return _checked(data.decode(enc), path), enc
            except UnicodeDecodeError:
                break
    try:
        if b"\x00" not in data[:8192]:
            return _checked(data.decode("utf-8"), path), "utf-8"
    except UnicodeDecodeError:
        pass
    enc = _utf16_without_bom(data)
    if enc:
        return _checked(data.decode(enc), path), enc
    if b"\x00" in data[:8192]:
        raise InputError(f"这是二进制文件，不是文本或 Word 文档 / binary file: {path}")
    try:
        text = data.decode("gb18030")
        if _looks_chinese(text):
            return _checked(text, path), "gb18030"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise InputError(f"无法识别文件编码，可用 --encoding 指定 / cannot detect encoding: {path}")
    return _checked(str(best), path), best.encoding


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 saved without a byte-order mark: the byte order whose text reads as Chinese or ASCII.

    Mostly-Chinese UTF-16 has almost no zero bytes, so the zero-byte lanes alone
    cannot tell; decoding both ways and keeping the one made of plausible
    characters can, and random bytes or GBK read as UTF-16 fall far short.
    """
    if len(data) < 4 or len(data) % 2:
        return None
    best, best_score = None, 0.0
    for enc in ("utf-16-le", "utf-16-be"):
        try:
            sample = data[:8192].decode(enc, errors="strict")
        except UnicodeDecodeError:
            continue
        score = sum(1 for ch in sample if _plausible(ch)) / max(1, len(sample))
        if score > best_score:
            best, best_score = enc, score
    if best is None or best_score < 0.9:
        return None
    try:
        data.decode(best)
    except UnicodeDecodeError:
        return None
    return best


def _plausible(ch: str) -> bool:
    o = ord(ch)
    return (0x20 <= o < 0x7F or ch in "\n\r\t" or 0x4E00 <= o <= 0x9FFF or 0x3000 <= o <= 0x303F
            or 0xFF00 <= o <= 0xFFEF or 0x2000 <= o <= 0x206F or 0x3400 <= o <= 0x4DBF or ch == "\u00b7")


def _looks_chinese(text: str) -> bool:
    sample = text[:4000]
    han = sum(1 for ch in sample if "\u4e00" <= ch <= "\u9fff")
    other = sum(1 for ch in sample if ord(ch) > 0x7F and not ("\u4e00" <= ch <= "\u9fff"))
    return han > 0 and han >= other


def _checked(text: str, path: str) -> str:
    if "\x00" in text[:8192]:
        raise InputError(f"这是二进制文件，不是文本或 Word 文档 / binary file: {path}")
    controls = sum(1 for ch in text[:8192] if ord(ch) < 32 and ch not in "\n\r\t\x0c")
    if controls > max(8, len(text[:8192]) // 50):
        raise InputError(f"这是二进制文件，不是文本或 Word 文档 / binary file: {path}")
    if not text.strip():
        raise InputError(f"文件中只有空白，没有可检查的内容 / only whitespace: {path}")
    return text.lstrip("\ufeff")


def expand_paths(paths: list[str]) -> list[str]:
    """Directories become every .txt/.md/.docx inside them, sorted; files pass through."""
    out: list[str] = []
    for raw in paths:
        p = Path(raw)
        if raw != "-" and p.is_dir():
            found = sorted(
                str(f) for f in p.rglob("*") if f.is_file() and f.suffix.lower() in LINTABLE_SUFFIXES
                and not any(part.startswith(".") for part in f.relative_to(p).parts)
            )
            out.extend(found)
        else:
            out.append(raw)
    return out
