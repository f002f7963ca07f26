"""Refuse .docx files that would cost far more to open than their size says.

A .docx is a zip: 1 MB on disk can declare gigabytes inside, and python-docx
reads every part into memory. The zip's own directory is read first (cheap)
and a file whose parts add up to more than the limit is refused before any
part is inflated; zipfile never returns more than a member's declared size.
Encrypted Office files are OLE containers holding an ``EncryptedPackage``.
"""

from __future__ import annotations

import io
import zipfile

from pipeline.reader import InputError

MAX_MEMBERS = 10_000
UNZIPPED_FLOOR = 100 * 1024 * 1024  # bytes all parts may inflate to, at least
UNZIPPED_FACTOR = 10  # … or this many times --max-size
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ENCRYPTED_MARK = "EncryptedPackage".encode("utf-16-le")


def is_encrypted(data: bytes) -> bool:
    """An Office file protected by an open password (OLE container with an EncryptedPackage stream)."""
    return data.startswith(OLE_MAGIC) and ENCRYPTED_MARK in data


def encrypted_error(path: str) -> InputError:
    return InputError(f"文件设有打开密码（已加密），请在 Word/WPS 中取消密码后再检查 / encrypted document: {path}")


def check_zip(data: bytes, path: str, max_bytes: int) -> None:
    """Raise ``InputError`` for a damaged zip or one that inflates beyond the limit."""
    try:
        infos = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError) as exc:
        raise InputError(
            f"Word 文件已损坏或不是真正的 .docx，请用 Word/WPS 打开后重新保存 / corrupt .docx: {path}"
        ) from exc
    limit = max(UNZIPPED_FLOOR, UNZIPPED_FACTOR * max_bytes)
    total = sum(i.file_size for i in infos)
    if len(infos) > MAX_MEMBERS or total > limit:
        raise InputError(
            f"Word 文件解压后过大（{len(infos)} 个部件，共 {total / 1024 / 1024:.0f} MB，"
            f"上限 {limit / 1024 / 1024:.0f} MB），"
            f"疑为压缩炸弹 / .docx inflates too large (zip bomb?): {path}"
        )
