"""User word lists named in setup.cfg (``units``, ``approx-markers``): they extend the shipped lists, and a bad
line is one clear error naming file and line (exit 2)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from pipeline.config import Options, load_options
from pipeline.document import Document
from pipeline.lint import analyse
from pipeline.vocab import approx, extend, units
from pipeline.vocab.wordlists import VocabError
from tests.conftest import ROOT, lint_with_config, write

TEXT = "全年新增执法船舶3艘，完成疫苗接种1200剂次，接待来访约莫300人。"


@pytest.fixture(autouse=True)
def shipped_lists():
    """Every test starts and ends with the shipped lists only."""
    extend.use()
    yield
    extend.use()


def claims_of(text: str, opts: Options) -> list[tuple[str, str, list[str]]]:
    return [(c.raw, c.unit, list(c.approx)) for c in analyse(Document(text), opts).claims]


def test_shipped_lists_leave_unknown_words_alone():
    assert claims_of(TEXT, Options()) == [("300人", "人", [])]


def test_user_units_and_markers_extend_the_lists(tmp_path):
    write(tmp_path / "setup.cfg", "[report-lint]\nunits = my_units.txt\napprox-markers = my_approx.txt\n")
    write(tmp_path / "my_units.txt", "# 本单位常用量词\n艘\n剂次 ledger count\n")
    write(tmp_path / "my_approx.txt", "约莫 prefix\n")
    opts = load_options(explicit=tmp_path / "setup.cfg")
    assert opts.units == [str(tmp_path / "my_units.txt")] and opts.approx_markers == [str(tmp_path / "my_approx.txt")]
    got = claims_of(TEXT, opts)
    assert ("3艘", "艘", []) in got and ("1200剂次", "剂次", []) in got
    assert any(raw.endswith("300人") and marks == ["约莫"] for raw, _, marks in got), got
    assert "艘" in units.SLOT_UNITS and "剂次" in units.COUNT_UNITS and "约莫" in approx.PREFIX
    # a placeholder before a user unit is a number slot too (RL1 placeholders read the same table)
    found = analyse(Document("全年新增执法船舶X艘。"), opts).findings
    assert any(f.code.startswith("RL1") for f in found), found
    # back to the shipped lists: the user's words are gone again
    assert claims_of(TEXT, Options()) == [("300人", "人", [])]


@pytest.mark.parametrize("content, where", [("艘\n剂次 ledgr\n", ":2:"), ("约莫\n", ":1:")])
def test_bad_line_names_file_and_line(tmp_path, content, where):
    bad = write(tmp_path / "bad.txt", content)
    key = "units" if "艘" in content else "approx"
    with pytest.raises(VocabError, match=f"bad.txt{where}"):
        extend.use(**{f"{key}_files": [str(bad)]})
    assert "艘" not in units.TABLE  # nothing changed: every file is read before any list is replaced


def test_bad_user_list_is_one_line_and_exit_2(tmp_path):
    out = lint_with_config(tmp_path, "units = my_units.txt", {"my_units.txt": "艘 ledger\n台套 ledger blank-ish\n"})
    assert out.returncode == 2 and "Traceback" not in out.stderr
    assert "my_units.txt:2" in out.stderr and len(out.stderr.strip().splitlines()) == 1, out.stderr


def test_missing_user_list_is_a_clean_error(tmp_path):
    write(tmp_path / "setup.cfg", "[report-lint]\napprox-markers = nowhere.txt\n")
    draft = write(tmp_path / "draft.txt", "推进工作。\n")
    out = subprocess.run([sys.executable, "-m", "pipeline.cli", "lint", str(draft)], capture_output=True, text=True,
                         cwd=ROOT)
    assert out.returncode == 2 and "Traceback" not in out.stderr and "nowhere.txt" in out.stderr
    assert len(out.stderr.strip().splitlines()) == 1, out.stderr
