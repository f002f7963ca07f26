"""The serve page in headless Chromium (Debian's ``chromium``, driven by Playwright; never ``playwright install``).

Upload the seed as .docx, see its X件 and 较好的 slips highlighted at the right places,
open a finding, download the annotated copy, and check that a ``<script>`` in a draft
shows as text.
"""

from __future__ import annotations

import io
import shutil
import sys
import types
import zipfile

import pytest

pytest.importorskip("uvicorn", reason="needs the serve extra: pip install '.[serve]'")
pytest.importorskip("python_multipart", reason="needs the serve extra: pip install '.[serve]'")
sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright not installed (test extra)")

from pipeline.config import Options  # noqa: E402
from pipeline.serve.background import serve_in_thread  # noqa: E402
from pipeline.serve.checker import Checker, text_docx  # noqa: E402

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
TITLE = "材料检查 · report-lint"
# each mark's offset in the text (a DOM range from the start of #doc), its text and its codes
MARKS_JS = """() => [...document.querySelectorAll('#doc mark')].map(m => {
  const r = document.createRange(); r.setStart(document.getElementById('doc'), 0); r.setEndBefore(m);
  return [r.toString().length, m.textContent, m.dataset.codes, m.className]; })"""


def real_annotator() -> bool:
    try:
        from pipeline.word.annotate import annotate_bytes  # noqa: F401
    except ImportError:
        return False
    return True


@pytest.fixture
def browser_page():
    if not CHROMIUM:
        pytest.skip("headless Chromium not installed (Debian: apt-get install chromium; scripts/test.sh does it)")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"], timeout=60000)
        try:
            page = browser.new_page(accept_downloads=True)
            page.set_default_timeout(60000)
            yield page
        finally:
            browser.close()


def run_check(page, before: int) -> None:
    page.click("#go")
    page.wait_for_function(f"() => Number(document.getElementById('result').dataset.run || 0) > {before}")


@pytest.mark.shared
def test_seed_docx_in_the_page(browser_page, seed_text, tmp_path, monkeypatch):
    page = browser_page
    stand_in = not real_annotator()
    if stand_in:
        # the Word annotator is not on this branch: a stand-in returning the draft itself checks the
        # page's download plumbing (base64 in the response -> a .docx file) byte for byte
        fake = types.ModuleType("pipeline.word.annotate")
        fake.annotate_bytes = lambda data, *, name="draft.docx", options=None, fix_tracked=False, \
            unsafe_fixes=False: data
        monkeypatch.setitem(sys.modules, "pipeline.word", types.ModuleType("pipeline.word"))
        monkeypatch.setitem(sys.modules, "pipeline.word.annotate", fake)
    draft = tmp_path / "交流材料.docx"
    draft.write_bytes(text_docx(seed_text))
    checker = Checker(Options())
    checker.warm()
    with serve_in_thread(checker) as url:
        page.goto(f"{url}/")
        assert page.title() == TITLE
        page.wait_for_function("() => document.body.dataset.ready === '1'")
        page.set_input_files("#file", str(draft))
        run_check(page, 0)
        assert page.locator("#error").is_hidden()
        marks = page.evaluate(MARKS_JS)
        doc_text = page.locator("#doc").text_content()
        assert doc_text == seed_text.strip("\n") or doc_text == seed_text
        at = {(off, codes) for off, _, codes, _ in marks}
        x = doc_text.index("督查件X件") + 3
        de = doc_text.index("较好的服务") + 2
        x_mark = next(m for m in marks if m[0] == x)
        assert x_mark[1] == "X" and "RL101" in x_mark[2] and "sev-error" in x_mark[3]
        de_mark = next(m for m in marks if m[0] == de)
        assert de_mark[1] == "的" and "RL401" in de_mark[2] and "sev-warning" in de_mark[3]
        assert len(at) >= 30  # every finding of the seed is on the text, not only these two
        page.click('#doc mark[data-codes~="RL401"]')
        popup = page.locator("#popup")
        assert popup.is_visible() and "较好地服务于" in popup.text_content()
        # the groups: severity first, then family
        assert page.locator("#groups details.sev.error .family").first.text_content().startswith("RL1xx")
        assert page.locator("#coverage table tbody tr").count() >= 6
        assert page.locator("#claims table tbody tr").count() >= 5
        assert page.locator("#suggest").text_content().strip()
        with page.expect_download() as dl:
            page.click("#dl-json")
        assert dl.value.suggested_filename == "交流材料.report-lint.json"
        with page.expect_download() as dl:
            page.click("#dl-docx")
        got = (tmp_path / "annotated.docx")
        dl.value.save_as(got)
        data = got.read_bytes()
        assert zipfile.is_zipfile(io.BytesIO(data)) and dl.value.suggested_filename.endswith("（批注）.docx")
        if stand_in:
            assert data == draft.read_bytes()


def test_script_in_a_draft_is_shown_as_text(browser_page):
    page = browser_page
    evil = ("<script>document.title='pwned'</script>\n<img src=x onerror=\"document.title='pwned'\">"
            "全年办理督查件X件。")
    checker = Checker(Options())
    with serve_in_thread(checker) as url:
        page.goto(f"{url}/")
        page.wait_for_function("() => document.body.dataset.ready === '1'")
        page.uncheck("#want-suggest")
        page.fill("#text", evil)
        run_check(page, 0)
        shown = page.locator("#doc").text_content()
        assert "<script>document.title='pwned'</script>" in shown and "<img src=x" in shown
        assert page.locator("#doc script, #doc img, #groups script, #groups img").count() == 0
        assert page.title() == TITLE
        assert any(m[1] == "X" and "RL101" in m[2] for m in page.evaluate(MARKS_JS))
        if not real_annotator():
            assert page.locator("#dl-docx").is_hidden() and "批注" in page.locator("#docx-note").text_content()
