"""Time the Word round trip: read + lint + annotate the seed draft as a .docx (and a 40× longer one), and
how fast and how small the refusal of a corrupt, an encrypted and a zip-bomb .docx is.

    PYTHONPATH=. python scripts/bench_word.py [../shared/seed/exchange_material.txt]

Drafts are built as the tests build them (tests/wordkit.py: mixed runs, auto-numbered labels, a table).
Refusals run as separate processes of the command line; peak memory is that process's max RSS.
"""

from __future__ import annotations

import io
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from wordkit import PROBE, build_draft  # noqa: E402

from pipeline.lint import analyse  # noqa: E402
from pipeline.word.annotate import annotate_document  # noqa: E402
from pipeline.word.layout import read_docx_document  # noqa: E402


def round_trip(data: bytes, repeat: int = 3) -> dict[str, float]:
    times: dict[str, list[float]] = {"read": [], "lint": [], "annotate+fix": []}
    for _ in range(repeat):
        t0 = time.perf_counter()
        doc = read_docx_document(data, "draft.docx", 50 * 1024 * 1024)
        t1 = time.perf_counter()
        analyse(doc)
        t2 = time.perf_counter()
        out = annotate_document(doc, fix_tracked=True)
        t3 = time.perf_counter()
        times["read"].append(t1 - t0)
        times["lint"].append(t2 - t1)
        times["annotate+fix"].append(t3 - t2)
    return {k: statistics.median(v) for k, v in times.items()} | {
        "findings": len(doc.findings), "comments": out.comments, "revisions": out.revisions, "bytes": len(data)}


def bomb(base: bytes, size_mb: int) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf, zipfile.ZipFile(io.BytesIO(base)) as src:
        for info in src.infolist():
            if info.filename != "word/document.xml":
                zf.writestr(info, src.read(info))
        with zf.open("word/document.xml", "w", force_zip64=True) as fh:
            for _ in range(size_mb):
                fh.write(b" " * (1 << 20))
    return buf.getvalue()


def refusal(name: str, data: bytes) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        path.write_bytes(data)
        t0 = time.monotonic()
        proc = subprocess.run([sys.executable, "-c", PROBE, str(path), "--annotate"], capture_output=True,
                              text=True, cwd=ROOT, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
        elapsed = time.monotonic() - t0
    peak = int(proc.stderr.split("PEAK_KB")[1].split()[0]) / 1024
    message = next((ln for ln in proc.stderr.splitlines() if ln.startswith("report-lint:")), "")
    return f"{name:<14} {len(data) / 1024:8.0f} KB  exit {proc.returncode}  {elapsed:5.2f} s  {peak:6.0f} MB  {message}"


def main() -> None:
    seed = Path(sys.argv[1] if len(sys.argv) > 1 else ROOT.parent / "shared" / "seed" / "exchange_material.txt")
    lines = seed.read_text(encoding="utf-8").split("\n")
    table = [["项目", "数量"], ["编发简报", "完成率９５％"]]
    small = build_draft(lines, table, table_after=len(lines) // 2)
    print("seed as .docx:", {k: round(v, 4) if isinstance(v, float) else v for k, v in round_trip(small).items()})
    big = build_draft(lines * 40, table, table_after=len(lines) // 2)
    print("seed ×40:     ", {k: round(v, 4) if isinstance(v, float) else v for k, v in round_trip(big, 1).items()})
    print(refusal("corrupt.docx", small[: len(small) // 2]))
    try:
        from msoffcrypto.format.ooxml import OOXMLFile

        enc = io.BytesIO()
        OOXMLFile(io.BytesIO(small)).encrypt("secret", enc)
        print(refusal("encrypted.docx", enc.getvalue()))
    except ImportError:
        print("encrypted.docx  skipped: pip install msoffcrypto-tool")
    print(refusal("bomb.docx", bomb(small, 1024)))


if __name__ == "__main__":
    main()
