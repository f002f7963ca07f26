"""LibreOffice conversions: .doc/.wps to .docx before checking, and (in tests) .docx to PDF.

Each call uses a fresh LibreOffice profile in a temporary folder, so two checks
never fight over one profile's lock and the user's own LibreOffice is untouched.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from pipeline.reader import InputError

CONVERT_TIMEOUT_S = 120
PDF_WITH_COMMENTS = 'pdf:writer_pdf_Export:{"ExportNotes":{"type":"boolean","value":"true"}}'


def soffice() -> str | None:
    """The LibreOffice command, or None when it is not installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_bytes(data: bytes, suffix: str, target: str, path: str = "", timeout: float = CONVERT_TIMEOUT_S) -> bytes:
    """Convert a document with LibreOffice; ``target`` is a ``--convert-to`` argument (docx, pdf:…)."""
    exe = soffice()
    if exe is None:
        raise InputError(f"未安装 LibreOffice，无法转换 / LibreOffice (soffice) not found: {path}")
    ext = target.split(":", 1)[0]
    with tempfile.TemporaryDirectory(prefix="report-lint-") as tmp:
        src = Path(tmp) / f"input{suffix}"
        src.write_bytes(data)
        out = Path(tmp) / "out"
        env = {**os.environ, "HOME": tmp}
        cmd = [exe, f"-env:UserInstallation={(Path(tmp) / 'profile').as_uri()}", "--headless", "--norestore",
               "--nolockcheck", "--convert-to", target, "--outdir", str(out), str(src)]
        try:
            subprocess.run(cmd, capture_output=True, timeout=timeout, env=env, check=False)
        except subprocess.TimeoutExpired as exc:
            raise InputError(f"LibreOffice 转换超时（{timeout:.0f} 秒）"
                             f"/ LibreOffice conversion timed out: {path}") from exc
        except OSError as exc:
            raise InputError(f"无法启动 LibreOffice（{exc}）/ cannot run soffice: {path}") from exc
        result = out / f"input.{ext}"
        if not result.is_file() or result.stat().st_size == 0:
            raise InputError(
                f"LibreOffice 无法转换该文件（已损坏或加密？），请在 Word 或 WPS 中“另存为”.docx 后再检查"
                f" / LibreOffice could not convert it, save as .docx: {path}"
            )
        return result.read_bytes()
