"""The wheel carries what run time needs: installed anywhere, it lints as the repository does."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "corpora" / "samples" / "county_office_2025.txt"


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation", "-w", str(out),
                    str(ROOT)], check=True, capture_output=True, timeout=300)
    return next(out.glob("report_lint-*.whl"))


@pytest.mark.slow
def test_wheel_carries_models_and_taxonomy(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for need in ("pipeline/_data/models/dimensions/model.json", "pipeline/_data/models/dimensions/coef.npy",
                 "pipeline/_data/models/lm/model.safetensors", "pipeline/_data/models/lm/MODEL_CARD.md",
                 "pipeline/_data/corpora/dimensions.yml", "pipeline/_data/corpora/userdict.txt",
                 "pipeline/lexicon/data/ngram.npz", "pipeline/lexicon/data/confusion.tsv",
                 "pipeline/lexicon/data/LICENSE-Apache-2.0", "pipeline/lexicon/data/NOTICE.md",
                 "pipeline/vocab/data/units.txt", "pipeline/vocab/data/approx.txt"):
        assert need in names, need
    assert not any(n.startswith("pipeline/_data/corpora/reports/") for n in names)  # training text stays out


def _lint_json(env: dict, cwd: Path) -> dict:
    code = ("import json, sys; from pipeline.cli import main; "
            "sys.argv = ['report-lint', '--format', 'json', sys.argv[1]]; main()")
    proc = subprocess.run([sys.executable, "-c", code, str(SAMPLE)], capture_output=True, text=True, env=env,
                          cwd=cwd, timeout=300)
    assert proc.returncode in (0, 1), proc.stderr
    return json.loads(proc.stdout)["files"][0]


@pytest.mark.slow
def test_installed_wheel_lints_like_the_checkout_without_heavy_packages(wheel, tmp_path):
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(target), str(wheel)],
                   check=True, capture_output=True, timeout=300)
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "REPORT_LINT_HOME")}
    installed = _lint_json({**env, "PYTHONPATH": str(target)}, tmp_path)
    checkout = _lint_json({**env, "PYTHONPATH": str(ROOT)}, ROOT)
    assert installed["findings"] == checkout["findings"]
    assert [(p["dimension"], p["confidence"]) for p in installed["paragraphs"]] == \
        [(p["dimension"], p["confidence"]) for p in checkout["paragraphs"]]
    probe = ("import sys; sys.argv = ['report-lint', sys.argv[1]]\n"
             "from pipeline.cli import main\n"
             "try:\n    main()\nexcept SystemExit:\n    pass\n"
             "import pipeline; assert '_data' in str(pipeline.resources.home()), pipeline.resources.home()\n"
             "heavy = [m for m in ('torch', 'spacy', 'sklearn', 'scipy', 'transformers') if m in sys.modules]\n"
             "assert not heavy, heavy")
    proc = subprocess.run([sys.executable, "-c", probe, str(SAMPLE)], capture_output=True, text=True,
                          env={**env, "PYTHONPATH": str(target)}, cwd=tmp_path, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]


def test_suggest_without_torch_falls_back_to_templates(monkeypatch, tmp_path):
    """A base install has no torch: suggest still answers, with a one-line note instead of a traceback."""
    import importlib.util

    from click.testing import CliRunner

    from pipeline.cli import main

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "torch" else real(name, *a))
    draft = tmp_path / "draft.txt"
    draft.write_text("县政府办公室2025年工作总结\n一、主要工作\n"
                     "一是参谋辅政更加有力。全年起草各类文稿120篇，编发《政务信息》54期，为领导决策提供参考。\n"
                     "二是督查落实更加有效。围绕重点任务开展专项督查15次，督办事项全部按期办结。\n"
                     "三是服务保障更加到位。圆满完成各类会议服务保障任务，公务接待规范有序。\n"
                     "二、下步工作打算\n第一，抓好文稿起草，在提高质量上下功夫。\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["suggest", str(draft)])
    assert result.exit_code == 0, result.output
    assert "torch" in result.output and "Traceback" not in result.output
