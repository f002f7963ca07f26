#!/usr/bin/env python
"""How fast ``report-lint serve`` answers a 20-page draft, warm, and ten requests at once.

A page is GB/T 9704's: 22 lines of 28 characters (616 characters). The draft is the
seed exchange material with State Council report paragraphs (real official text,
headings left out so the seed's outline stays) added to its summary items until
it reaches the page count; without ../shared give ``--text FILE``.

    PYTHONPATH=$PWD python scripts/bench_serve.py [--pages 20] [--runs 5] [--url http://127.0.0.1:8765]

Without ``--url`` a server is started in this process on a free loopback port.
"""

from __future__ import annotations

import argparse
import io
import json
import statistics
import sys
import time
import urllib.parse
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from contextlib import nullcontext
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
PAGE_CHARS = 22 * 28


def compose(pages: int) -> str:
    from pipeline.structure.labels import heading_label, inline_labels

    seed = (SHARED / "seed" / "exchange_material.txt").read_text(encoding="utf-8").split("\n")
    extra = []
    with open(SHARED / "corpora" / "state_council_reports" / "government_work_reports.jsonl", encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            extra += [p.strip() for p in rec["content"].split("\n")
                      if len(p.strip()) > 80 and not heading_label(p.strip()) and not inline_labels(p.strip())]
    target = pages * PAGE_CHARS
    items = [i for i, line in enumerate(seed) if line.startswith(("一是", "二是", "三是", "四是", "五是", "六是"))]
    out, k = list(seed), 0
    while sum(len(x) for x in out) < target and k < len(extra):
        at = items[k % len(items)]
        out[at] = out[at] + extra[k]  # grow the item's own paragraph: the outline keeps its shape
        k += 1
    return "\n".join(out)


def post(url: str, body: bytes, ctype: str) -> tuple[int, bytes, float]:
    t0 = time.perf_counter()
    req = urllib.request.Request(url, data=body, headers={"Content-Type": ctype})
    with urllib.request.urlopen(req, timeout=120) as resp:
        data = resp.read()
        return resp.status, data, time.perf_counter() - t0


def form(fields: dict[str, str]) -> tuple[bytes, str]:
    return urllib.parse.urlencode(fields).encode(), "application/x-www-form-urlencoded"


def multipart(fields: dict[str, str], name: str, data: bytes) -> tuple[bytes, str]:
    b = uuid.uuid4().hex
    out = io.BytesIO()
    for k, v in fields.items():
        out.write(f'--{b}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode())
    out.write(f'--{b}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n\r\n'.encode())
    out.write(data + f"\r\n--{b}--\r\n".encode())
    return out.getvalue(), f"multipart/form-data; boundary={b}"


def timed(label: str, url: str, payload: tuple[bytes, str], runs: int) -> dict:
    first = post(url, *payload)
    times = [post(url, *payload)[2] for _ in range(runs)]
    body = json.loads(first[1])
    row = {"case": label, "first_s": round(first[2], 3), "median_s": round(statistics.median(times), 3),
           "max_s": round(max(times), 3), "findings": len(body.get("matches", body.get("findings", [])))}
    if "timing" in body:
        row["server_check_s"] = body["timing"]["check_s"]
        row["server_extras_s"] = body["timing"]["extras_s"]
        row["suggest_method"] = body["suggest"].get("method")
        row["docx"] = body["docx"]["available"]
    print(json.dumps(row, ensure_ascii=False), flush=True)
    return row


def concurrent(url: str, payload: tuple[bytes, str], n: int = 10) -> dict:
    serial = json.loads(post(url, *payload)[1])
    t0 = time.perf_counter()
    with ThreadPoolExecutor(n) as pool:
        results = list(pool.map(lambda _: post(url, *payload), range(n)))
    wall = time.perf_counter() - t0
    same = sum(1 for status, data, _ in results if status == 200 and json.loads(data)["matches"] == serial["matches"])
    row = {"case": f"{n} concurrent /v2/check", "wall_s": round(wall, 3),
           "slowest_s": round(max(r[2] for r in results), 3), "correct": f"{same}/{n}"}
    print(json.dumps(row, ensure_ascii=False), flush=True)
    return row


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pages", type=int, default=20)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--text", type=Path, help="a draft to use instead of the composed one")
    ap.add_argument("--url", help="an already running server (otherwise one is started here)")
    args = ap.parse_args()
    if args.text:
        text = args.text.read_text(encoding="utf-8")
    elif SHARED.exists():
        text = compose(args.pages)
    else:
        print("needs ../shared (seed and State Council corpus) or --text FILE", file=sys.stderr)
        return 2
    from pipeline.serve.checker import Checker, text_docx

    print(json.dumps({"chars": len(text), "pages_of_616": round(len(text) / PAGE_CHARS, 1),
                      "lines": text.count("\n") + 1}), flush=True)
    if args.url:
        ctx = nullcontext(args.url.rstrip("/"))
    else:
        from pipeline.serve.background import serve_in_thread

        checker = Checker()
        t0 = time.perf_counter()
        checker.warm()
        print(json.dumps({"model_load_s": round(time.perf_counter() - t0, 3)}), flush=True)
        ctx = serve_in_thread(checker)
    with ctx as url:
        timed("/v2/check (findings)", f"{url}/v2/check", form({"text": text, "language": "zh-CN"}), args.runs)
        timed("page: findings + coverage + claims", f"{url}/api/check",
              form({"text": text, "suggest": "0", "docx": "0"}), args.runs)
        timed("page: + suggest + annotated .docx (docx upload)", f"{url}/api/check",
              multipart({"suggest": "1", "docx": "1"}, "draft.docx", text_docx(text)), args.runs)
        concurrent(f"{url}/v2/check", form({"text": text, "language": "zh-CN"}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
