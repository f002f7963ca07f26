"""Speed of report-lint next to the floor set by jieba itself.

Sections (one function each; add yours to SECTIONS):
  cold_start  `report-lint SEED` in a fresh process vs a bare
              `python -c "import jieba; jieba.lcut(...)"` on the same text.
              Target: under 2x the bare start.
  throughput  lint 1 MB of report text in one process (chars/s) vs bare
              jieba segmentation of the same text, with the time per stage
              and per rule. Target: under 2x the bare segmentation. core_ratio is
              segmentation plus the RL1/RL2/RL4 rules alone.
  memory      peak memory (VmHWM) of `report-lint` on 1 MB in a fresh process, as text
              and --format json, vs a fresh `python -c "import jieba; jieba.lcut(...)"`
              on the same text. Target: under 2x the bare peak.
  outline     what the outline stage and the RL5xx rules add to linting 1 MB
              (all stages and rules, one process). Target: under 20%.
  claims      what the claims stage and the RL3xx rules add to linting 1 MB
              (all stages and rules, one process). Target: under 30%.
  dimensions  dimension model load time, paragraphs classified per second
              (one core, segmentation included; and with the segment stage's
              tokens given, as in the pipeline), model size.
              Targets: < 0.3 s, >= 1,000/s, < 20 MB.
  batch       archive batch throughput (documents/s, MB/s) with 1 and 2 local
              workers and a 2-process dask LocalCluster, on a generated archive
              (scripts/bench_batch.py). Target: 2 workers >= 1.7x of 1 worker.

  generate    `report-lint suggest SEED` in a fresh process (target < 6 s), generation
              once the language model is loaded (target < 3 s on one core), and
              whether plain linting imports torch/transformers (it must not).

  suggest     `taskset -c 0 report-lint suggest DRAFT` on a draft with its plan removed, as a
              fresh process (target <= 5 s), and the second draft suggested in the same
              process, from text to suggestions, the server's case (target <= 2 s).

Usage: python scripts/bench.py [--only cold_start,throughput] [--repeat N] [--json]
The 1 MB text is the project's own drafts (corpora/samples, corpora/reports)
repeated, or with --source state-council the State Council reports read from
../shared at run time (never copied into the project).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.resources import shared_dir  # noqa: E402

MB = 1_000_000  # characters


def seed_path() -> Path:
    shared = shared_dir()
    if shared and (shared / "seed" / "exchange_material.txt").is_file():
        return shared / "seed" / "exchange_material.txt"
    return ROOT / "corpora" / "samples" / "county_office_2025.txt"


def _report_lint() -> list[str]:
    exe = Path(sys.executable).with_name("report-lint")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "pipeline.cli"]


def _timed_run(cmd: list[str], repeat: int) -> list[float]:
    times = []
    env = dict(os.environ, HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1")
    for _ in range(repeat):
        t0 = time.perf_counter()
        proc = subprocess.run(cmd, capture_output=True, env=env, cwd=ROOT)
        times.append(time.perf_counter() - t0)
        if proc.returncode not in (0, 1):
            raise RuntimeError(f"{cmd[:2]} exited {proc.returncode}: {proc.stderr.decode()[-500:]}")
    return times


def cold_start(args) -> dict:
    """Fresh-process time to lint the seed, next to a bare jieba start on the same text."""
    seed = seed_path()
    text = seed.read_text(encoding="utf-8")
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as fh:
        fh.write(text)
        text_file = fh.name
    bare = [sys.executable, "-c",
            "import jieba,sys; jieba.setLogLevel(60); jieba.lcut(open(sys.argv[1], encoding='utf-8').read())",
            text_file]
    lint = [*_report_lint(), str(seed), "--format", "json"]
    core = [*_report_lint(), str(seed), "--format", "json", "--select", "RL1,RL2,RL4"]
    _timed_run(bare, 1)  # warm the OS file cache and jieba's dictionary cache
    _timed_run(lint, 1)
    bare_t, lint_t, core_t = [], [], []
    for _ in range(args.repeat):  # interleaved, so a busy machine weighs on all three alike
        bare_t += _timed_run(bare, 1)
        lint_t += _timed_run(lint, 1)
        core_t += _timed_run(core, 1)
    os.unlink(text_file)
    b, l_, c = statistics.median(bare_t), statistics.median(lint_t), statistics.median(core_t)
    return {"seed": str(seed), "chars": len(text), "bare_jieba_s": round(b, 3), "report_lint_s": round(l_, 3),
            "ratio": round(l_ / b, 2), "target_ratio": 2.0, "ok": l_ / b < 2.0,
            "select_rl1_rl2_rl4_s": round(c, 3), "select_rl1_rl2_rl4_ratio": round(c / b, 2)}


def one_megabyte(source: str) -> str:
    """About 1 MB of report-style text, built at run time."""
    parts: list[str] = []
    if source == "state-council":
        shared = shared_dir()
        if shared is None:
            raise SystemExit("--source state-council needs ../shared")
        folder = shared / "corpora" / "state_council_reports"
        for name in ("government_work_reports.jsonl", "cpc_congress_reports.jsonl"):
            for line in (folder / name).read_text(encoding="utf-8").splitlines():
                parts.append(json.loads(line)["content"])
    else:
        for sub in ("samples", "reports"):
            parts += [p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpora" / sub).glob("*.txt"))]
    if not parts:
        raise SystemExit("no text found for the 1 MB benchmark")
    text, i = "", 0
    chunks = []
    size = 0
    while size < MB:
        chunk = parts[i % len(parts)]
        chunks.append(chunk)
        size += len(chunk) + 1
        i += 1
    text = "\n".join(chunks)
    return text[:MB]


def timed_lint(text: str):
    """One full lint of ``text`` in this process: (total s, per-stage s, per-rule s, document)."""
    from pipeline.config import Options
    from pipeline.document import Document
    from pipeline.lint import active_rules
    from pipeline.stages import DEFAULT_STAGES, closure, gc_paused, run_stages

    opts = Options()
    rules = active_rules(opts)
    doc = Document(text, path="bench")
    needed = set(DEFAULT_STAGES)
    for r in rules:
        needed.update(r.needs)
    stage_t: dict[str, float] = {}
    rule_t: dict[str, float] = {}
    out = []
    t_all = time.perf_counter()
    with gc_paused():  # as pipeline.lint.analyse runs them
        for name in closure(needed):
            t0 = time.perf_counter()
            run_stages(doc, [name], opts)
            stage_t[name] = time.perf_counter() - t0
        for r in rules:
            t0 = time.perf_counter()
            if set(r.needs) <= doc.done:
                out.extend(r.func(doc))
            rule_t[r.code] = time.perf_counter() - t0
    total = time.perf_counter() - t_all
    doc.findings = out
    return total, stage_t, rule_t, doc


def share_of(args, stage: str, prefix: str) -> tuple[float, float, object]:
    """Median total lint time and the median time of one stage plus its rule family."""
    from pipeline.segment import tokenizer

    text = one_megabyte(args.source)
    tokenizer().lcut("预热")
    totals, own_t = [], []
    doc = None
    for _ in range(args.repeat):
        total, stage_t, rule_t, doc = timed_lint(text)
        totals.append(total)
        own_t.append(stage_t.get(stage, 0.0) + sum(v for k, v in rule_t.items() if k.startswith(prefix)))
    return statistics.median(totals), statistics.median(own_t), doc


def throughput(args) -> dict:
    """Lint 1 MB in one warm process (chars/s) vs bare jieba.lcut on the same text."""
    from pipeline.lint import dedupe
    from pipeline.segment import tokenizer

    text = one_megabyte(args.source)
    jieba_dt = tokenizer()  # load the dictionary outside the timings
    jieba_dt.lcut("预热")
    bare, runs = [], []
    for _ in range(args.repeat):  # interleaved, so a machine that gets busier weighs on both alike
        t0 = time.perf_counter()
        jieba_dt.lcut(text)
        bare.append(time.perf_counter() - t0)
        total, stage_t, rule_t, doc = timed_lint(text)
        runs.append(total)
    doc.findings = dedupe(doc.findings)
    findings = len(doc.findings)
    b, l_ = statistics.median(bare), statistics.median(runs)
    text_out, json_out = _output_seconds(doc, args.repeat)
    # the issue-2 core: segmentation plus the surface rules (placeholders, punctuation, wording)
    core = stage_t.get("segment", 0.0) + sum(v for k, v in rule_t.items() if k.startswith(("RL1", "RL2", "RL4")))
    slow_rules = {k: round(v, 3) for k, v in sorted(rule_t.items(), key=lambda kv: -kv[1]) if v >= 0.01}
    return {"source": args.source, "chars": len(text), "bare_jieba_s": round(b, 3), "lint_s": round(l_, 3),
            "bare_chars_per_s": int(len(text) / b), "lint_chars_per_s": int(len(text) / l_),
            "ratio": round(l_ / b, 2), "target_ratio": 2.0, "ok": l_ / b < 2.0, "findings": findings,
            # what the command line adds to print the result: text lines, or --format json
            "text_output_s": round(text_out, 3), "ratio_text": round((l_ + text_out) / b, 2),
            "json_output_s": round(json_out, 3), "ratio_json": round((l_ + json_out) / b, 2),
            "target_ratio_text": 1.6, "target_ratio_json": 1.8,
            "core_s": round(core, 3), "core_ratio": round(core / b, 2),
            "stages_s": {k: round(v, 3) for k, v in stage_t.items()}, "rules_s": slow_rules}


def _output_seconds(doc, repeat: int) -> tuple[float, float]:
    """Median time to render ``doc``'s result as the CLI does: text lines, and --format json."""
    import io

    from pipeline.cli import document_tail
    from pipeline.output import text as textout
    from pipeline.output.jsonout import JsonStream

    texts, jsons = [], []
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = io.StringIO()
        for f in doc.findings:
            out.write(textout.format_finding(doc, f, False) + "\n")
        out.write(document_tail(doc))
        texts.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        stream = JsonStream(io.StringIO())  # as `report-lint --format json` writes it
        stream.add_document(doc)
        stream.close()
        jsons.append(time.perf_counter() - t0)
    return statistics.median(texts), statistics.median(jsons)


# fresh processes that print their own peak resident memory (VmHWM, kB) on stderr
_PEAK = 'print("PEAK_KB", next(ln.split()[1] for ln in open("/proc/self/status") if ln.startswith("VmHWM")), ' \
        'file=sys.stderr)'
_BARE_PEAK = ("import sys, jieba; jieba.setLogLevel(60)\n"
              "words = jieba.lcut(open(sys.argv[1], encoding='utf-8').read())\n" + _PEAK)
_LINT_PEAK = ("import sys\nfrom pipeline.cli import main\nsys.argv = ['report-lint', *sys.argv[1:]]\n"
              "try:\n    main()\nexcept SystemExit:\n    pass\n" + _PEAK)


def _peak_mb(code: str, *argv: str) -> float:
    env = dict(os.environ, HF_HUB_OFFLINE="1", PYTHONPATH=str(ROOT))
    proc = subprocess.run([sys.executable, "-c", code, *argv], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                          text=True, cwd=ROOT, env=env)
    if "PEAK_KB" not in proc.stderr:
        raise RuntimeError(f"no peak reported: {proc.stderr[-500:]}")
    return int(proc.stderr.rsplit("PEAK_KB", 1)[1].split()[0]) / 1024


def memory(args) -> dict:
    """Peak memory of a fresh `report-lint` on 1 MB (text and JSON) next to a fresh bare jieba.lcut."""
    if not Path("/proc/self/status").exists():
        return {"skipped": "needs /proc (Linux)"}
    text = one_megabyte(args.source)
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as fh:
        fh.write(text)
        path = fh.name
    try:
        bare, lint, lint_json = [], [], []
        for _ in range(args.repeat):
            bare.append(_peak_mb(_BARE_PEAK, path))
            lint.append(_peak_mb(_LINT_PEAK, path))
            lint_json.append(_peak_mb(_LINT_PEAK, path, "--format", "json"))
    finally:
        os.unlink(path)
    b, t, j = statistics.median(bare), statistics.median(lint), statistics.median(lint_json)
    return {"source": args.source, "chars": len(text), "bare_jieba_peak_mb": round(b), "lint_peak_mb": round(t),
            "lint_json_peak_mb": round(j), "ratio_text": round(t / b, 2), "ratio_json": round(j / b, 2),
            "target_ratio": 2.0, "ok": max(t, j) / b <= 2.0}


def dimensions(args) -> dict:
    """Dimension model: load time (fresh process and files alone), paragraphs/s, size on disk.

    Targets: load under 0.3 s, at least 1,000 paragraphs per second on one core (jieba
    segmentation of each paragraph included), model directory under 20 MB. CPU time is
    reported next to wall time because on a shared machine the wall clock mostly measures
    the neighbours.
    """
    from pipeline.dimensions.model import DimensionModel, default_dir
    from pipeline.segment import cut

    probe = ("import time; w, c = time.perf_counter(), time.process_time(); "
             "from pipeline.dimensions.model import load_model; load_model(); "
             "print(time.perf_counter() - w, time.process_time() - c)")
    fresh_wall, fresh_cpu = [], []
    for _ in range(args.repeat):
        out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, check=True)
        w, c = map(float, out.stdout.split())
        fresh_wall.append(w)
        fresh_cpu.append(c)
    files = []
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        model = DimensionModel.load(default_dir())
        files.append(time.perf_counter() - t0)
    paragraphs = [line for f in sorted((ROOT / "corpora" / "reports").glob("*.txt"))
                  for line in f.read_text(encoding="utf-8").splitlines() if len(line) >= 20][:2000]
    cut("预热")
    wall, cpu = [], []
    for _ in range(args.repeat):
        w, c = time.perf_counter(), time.process_time()
        for p in paragraphs:
            model.predict(p, cut=cut)
        wall.append(time.perf_counter() - w)
        cpu.append(time.process_time() - c)
    tokens = [cut(p) for p in paragraphs]  # what the segment stage hands the dimensions stage
    pre = []
    for _ in range(args.repeat):
        c = time.process_time()
        for p, words in zip(paragraphs, tokens, strict=True):
            model.predict(p, words=words, heading_words=[])
        pre.append(time.process_time() - c)
    size = sum(p.stat().st_size for p in default_dir().iterdir() if p.is_file())
    n = len(paragraphs)
    load_cpu = statistics.median(fresh_cpu)
    per_cpu_s = n / statistics.median(cpu)
    return {"load_s_fresh_process_incl_numpy_wall": round(statistics.median(fresh_wall), 3),
            "load_s_fresh_process_incl_numpy_cpu": round(load_cpu, 3),
            "load_s_model_files_wall": round(statistics.median(files), 3),
            "paragraphs": n, "mean_chars": round(sum(map(len, paragraphs)) / n),
            "paragraphs_per_s_wall": int(n / statistics.median(wall)), "paragraphs_per_cpu_s": int(per_cpu_s),
            "paragraphs_per_cpu_s_tokens_given": int(n / statistics.median(pre)),
            "model_bytes": size, "targets": "load < 0.3 s, >= 1000 paragraphs/s, < 20 MB",
            "ok": load_cpu < 0.3 and per_cpu_s >= 1000 and size < 20 * 1024 * 1024}


def outline(args) -> dict:
    """Outline stage + RL5xx rules as a share of the rest of a full lint of 1 MB (target < 20%)."""
    total, own, doc = share_of(args, "outline", "RL5")
    text_len = len(one_megabyte(args.source))
    items, series = len(doc.outline.items), len(doc.outline.series)
    share = own / (total - own)
    return {"source": args.source, "chars": text_len, "items": items, "series": series,
            "lint_s": round(total, 3), "outline_and_rl5_s": round(own, 3),
            "added_share": round(share, 3), "target_share": 0.2, "ok": share < 0.2}


def claims(args) -> dict:
    """Claims stage + RL3xx rules as a share of the rest of a full lint of 1 MB (target < 30%)."""
    total, own, doc = share_of(args, "claims", "RL3")
    text_len = len(one_megabyte(args.source))
    n_claims = len(doc.claims)
    share = own / (total - own)
    return {"source": args.source, "chars": text_len, "claims": n_claims, "lint_s": round(total, 3),
            "claims_and_rl3_s": round(own, 3), "added_share": round(share, 3), "target_share": 0.3,
            "ok": share < 0.3}


def lexicon(args) -> dict:
    """Lexicon stage + RL8xx rules as a share of the rest of a full lint of 1 MB (target < 10%).

    Also: the one-time cost of the tables in a process (automaton, idiom index, readings) and the
    opt-in context check (``--deep``) over the same megabyte, which is not part of a default lint.
    """
    from pipeline.config import Options
    from pipeline.document import Document
    from pipeline.lexicon import context, idioms, matcher
    from pipeline.lexicon.slips import Spans, shielded_spans
    from pipeline.segment import tokenizer
    from pipeline.stages import run_stages

    tokenizer()
    t0 = time.perf_counter()
    matcher.lexicon()
    idioms.idiom_index()
    context.candidates_table.cache_clear()
    first_use = time.perf_counter() - t0
    total, own, doc = share_of(args, "lexicon", "RL8")
    share = own / (total - own)
    text = one_megabyte(args.source)
    deep_doc = Document(text)
    run_stages(deep_doc, ["segment"], Options())
    t0 = time.perf_counter()
    found = context.context_slips(deep_doc, Spans(shielded_spans(text)))
    deep_s = time.perf_counter() - t0
    return {"source": args.source, "chars": len(text), "lint_s": round(total, 3),
            "lexicon_and_rl8_s": round(own, 3), "added_share": round(share, 3), "target_share": 0.1,
            "ok": share < 0.1, "slips": len(doc.slips), "tables_first_use_s": round(first_use, 3),
            "deep_context_s": round(deep_s, 3), "deep_findings": len(found)}


def batch(args) -> dict:
    """Archive batch: 1 vs 2 local workers and a dask LocalCluster (see scripts/bench_batch.py)."""
    sys.path.insert(0, str(ROOT / "scripts"))
    from bench_batch import bench_batch, summary

    return summary(bench_batch(docs=600, runs=2, verbose=not args.json))


def generate(args) -> dict:
    """Generation: `report-lint suggest SEED` in a fresh process; plan block + rewrites once loaded.

    Targets: the fresh-process command under 6 s, generation under 3 s on one core once the
    model is loaded (seed with its plan removed: six items), and plain linting imports
    neither torch nor transformers. CPU seconds are reported next to wall seconds because on
    a shared machine the wall clock mostly measures the neighbours.
    """
    import resource

    seed = seed_path()
    fresh_wall, fresh_cpu = [], []
    for _ in range(args.repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        subprocess.run([*_report_lint(), "suggest", str(seed)], capture_output=True, text=True, cwd=ROOT, check=True)
        fresh_wall.append(time.perf_counter() - t0)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        fresh_cpu.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    probe = ("import sys; from pipeline.cli import main\n"
             "try:\n    main([sys.argv[1]], standalone_mode=False)\nexcept SystemExit:\n    pass\n"
             "print('HEAVY', [m for m in ('torch', 'transformers', 'sklearn', 'spacy') if m in sys.modules])")
    out = subprocess.run([sys.executable, "-c", probe, str(seed)], capture_output=True, text=True, cwd=ROOT)
    heavy = out.stdout.rsplit("HEAVY", 1)[-1].strip()

    from pipeline.document import Document
    from pipeline.generate.generator import Generator
    from pipeline.generate.lm import load_lm
    from pipeline.stages import run_stages

    lm = load_lm()
    text = seed.read_text(encoding="utf-8")
    no_plan = "\n".join(ln for ln in text.split("\n") if not ln.startswith(("下步工作打算", "第")))
    timings = {}
    for name, body in (("seed", text), ("seed_without_plan", no_plan)):
        wall, cpu = [], []
        for _ in range(args.repeat):
            doc = Document(body)
            run_stages(doc, ["dimensions"])
            t0, c0 = time.perf_counter(), time.process_time()
            gen = Generator(doc, lm=lm)
            made = gen.plan_items() + gen.rewrites()
            wall.append(time.perf_counter() - t0)
            cpu.append(time.process_time() - c0)
        timings[name] = {"wall_s": round(statistics.median(wall), 3), "cpu_s": round(statistics.median(cpu), 3),
                         "suggestions": len(made)}
    gen_s = timings["seed_without_plan"]["cpu_s"]
    fw, fc = statistics.median(fresh_wall), statistics.median(fresh_cpu)
    return {"method": "lm" if lm is not None else "template",
            "suggest_fresh_wall_s": round(fw, 2), "suggest_fresh_cpu_s": round(fc, 2), "target_fresh_s": 6.0,
            "generation": timings, "target_generation_s": 3.0, "plain_lint_heavy_imports": heavy,
            "ok": fc < 6.0 and gen_s < 3.0 and heavy == "[]"}


def _plan_removed(path: Path) -> str:
    from pipeline.document import Document
    from pipeline.stages import run_stages

    doc = Document(path.read_text(encoding="utf-8"))
    run_stages(doc, ["outline"])
    return "\n".join(p.text for p in doc.paragraphs if p.section != "plan") + "\n"


def suggest(args) -> dict:
    """`suggest` pinned to one core: a fresh process on one draft, then a second draft in the same process."""
    import shutil

    sources = [seed_path(), ROOT / "corpora" / "samples" / "hospital_office_2025.txt"]
    pin = ["taskset", "-c", "0"] if shutil.which("taskset") else []
    with tempfile.TemporaryDirectory() as tmp:
        drafts = []
        for i, src in enumerate(sources):
            d = Path(tmp) / f"draft{i}.txt"
            d.write_text(_plan_removed(src), encoding="utf-8")
            drafts.append(d)
        fresh = _timed_run([*pin, *_report_lint(), "suggest", str(drafts[0])], args.repeat)
        probe = ("import sys, time, os\n"
                 "from pipeline.cli import main\n"
                 "def once(p):\n"
                 "    t0 = time.perf_counter()\n"
                 "    try:\n        main(['suggest', p], standalone_mode=False)\n"
                 "    except SystemExit:\n        pass\n"
                 "    return time.perf_counter() - t0\n"
                 "first = once(sys.argv[1]); second = once(sys.argv[2])\n"
                 "print('TIMES', first, second)\n")
        env = dict(os.environ, HF_HUB_OFFLINE="1")
        seconds = []
        for _ in range(args.repeat):
            out = subprocess.run([*pin, sys.executable, "-c", probe, str(drafts[0]), str(drafts[1])],
                                 capture_output=True, text=True, cwd=ROOT, env=env)
            seconds.append(float(out.stdout.rsplit("TIMES", 1)[-1].split()[1]))
    f, s2 = statistics.median(fresh), statistics.median(seconds)
    return {"pinned": bool(pin), "fresh_process_s": round(f, 2), "target_fresh_s": 5.0,
            "second_draft_same_process_s": round(s2, 2), "target_second_s": 2.0, "ok": f <= 5.0 and s2 <= 2.0}


SECTIONS = {
    "cold_start": cold_start,
    "suggest": suggest,
    "throughput": throughput,
    "memory": memory,
    "outline": outline,
    "claims": claims,
    "lexicon": lexicon,
    "dimensions": dimensions,
    "batch": batch,
    "generate": generate,
}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only", default=",".join(SECTIONS), help="comma-separated sections: " + ", ".join(SECTIONS))
    ap.add_argument("--repeat", type=int, default=3, help="runs per timing (the median is reported)")
    ap.add_argument("--source", choices=["project", "state-council"], default="project",
                    help="where the 1 MB text comes from")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    results = {}
    for name in [s.strip() for s in args.only.split(",") if s.strip()]:
        if name not in SECTIONS:
            ap.error(f"unknown section {name!r}; known: {', '.join(SECTIONS)}")
        results[name] = SECTIONS[name](args)
        if not args.json:
            print(f"== {name}")
            for k, v in results[name].items():
                print(f"  {k}: {v}")
    if args.json:
        print(json.dumps(results, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
