#!/usr/bin/env python
"""Take the README's screenshot of the serve page: the seed checked, one finding opened.

Needs Debian's ``chromium`` and a CJK font (``apt-get install chromium fonts-noto-cjk``),
Playwright from the test extra, and ../shared for the seed.

    PYTHONPATH=$PWD python scripts/serve_screenshot.py [docs/serve-page.png]
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT.parent / "shared" / "seed" / "exchange_material.txt"


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "serve-page.png"
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium or not SEED.exists():
        print("needs chromium and ../shared/seed/exchange_material.txt", file=sys.stderr)
        return 2
    from playwright.sync_api import sync_playwright

    from pipeline.serve.background import serve_in_thread
    from pipeline.serve.checker import Checker, text_docx

    checker = Checker()
    checker.warm()
    with tempfile.TemporaryDirectory() as tmp, serve_in_thread(checker) as url, sync_playwright() as p:
        draft = Path(tmp) / "交流材料.docx"
        draft.write_bytes(text_docx(SEED.read_text(encoding="utf-8")))
        browser = p.chromium.launch(executable_path=chromium, headless=True, args=["--no-sandbox", "--lang=zh-CN"])
        page = browser.new_page(viewport={"width": 1360, "height": 1400}, device_scale_factor=1, locale="zh-CN")
        page.goto(f"{url}/")
        page.set_input_files("#file", str(draft))
        page.click("#go")
        page.wait_for_function("() => document.getElementById('result').dataset.run === '1'")
        page.locator('#doc mark[data-codes~="RL401"]').scroll_into_view_if_needed()
        page.click('#doc mark[data-codes~="RL401"]')
        out.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(out), full_page=False)
        browser.close()
    print(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
