"""Compose the labelled training reports in ``corpora/reports/`` from the hand-written pools.

Why a composer: the dimension classifier needs hundreds of labelled items per dimension
in many issuers' voices, heading styles and report forms; writing each report by hand
would take days, while composing from pools written for this project keeps every line
labelled by construction. The output is deterministic for a given seed.

Usage: python scripts/compose_report_corpus.py [--n 84] [--seed 20261125] [--out corpora/reports]
Writes one ``NNN_issuer_form.txt`` per report and ``labels.jsonl`` (one record per
non-empty line: file, line, section, dimension, item, role).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(ROOT))

import report_pools as P  # noqa: E402

from pipeline.vocab.numerals import chinese_numeral  # noqa: E402

DIMS = ["参谋辅政", "督查落实", "综合协调", "服务保障", "信访维稳", "队伍建设"]
FORMS = ["年度总结", "年度总结", "年度总结", "半年总结", "述职", "交流发言", "交流发言"]
FORM_ID = {"年度总结": "nianzhong", "半年总结": "banian", "述职": "shuzhi", "交流发言": "jiaoliu"}


def cn_num(n: int) -> str:
    return chinese_numeral(n)


class Filler:
    """Expands the pool notation: {key}, {n:a-b}, {f:a-b}, [a|b]."""

    def __init__(self, rng: random.Random, ctx: dict[str, str]):
        self.rng = rng
        self.ctx = ctx

    def __call__(self, template: str) -> str:
        s = template
        alt = re.compile(r"\[([^\[\]]*)\]")
        while True:
            m = alt.search(s)
            if not m:
                break
            s = s[: m.start()] + self.rng.choice(m.group(1).split("|")) + s[m.end():]
        s = re.sub(r"\{n:(\d+)-(\d+)\}", lambda m: str(self.rng.randint(int(m[1]), int(m[2]))), s)
        s = re.sub(r"\{f:(\d+)-(\d+)\}",
                   lambda m: f"{self.rng.uniform(int(m[1]), int(m[2])):.1f}".rstrip("0").rstrip("."), s)
        s = re.sub(r"\{(\w+)\}", lambda m: self.ctx.get(m[1], m[0]), s)
        return s


class Report:
    def __init__(self, name: str):
        self.name = name
        self.lines: list[tuple[str, dict]] = []
        self.item = 0

    def add(self, text: str, section: str, dimension: str | None, role: str, item: int | None = None) -> None:
        self.lines.append((text, {"section": section, "dimension": dimension, "role": role, "item": item}))

    def new_item(self) -> int:
        self.item += 1
        return self.item


def sentence_join(parts: list[str]) -> str:
    out = ""
    for i, p in enumerate(parts):
        p = p.strip()
        if not p:
            continue
        if out and not out.endswith(("。", "：", "，")):
            out += "；" if i % 3 == 1 else "。"
        out += p
    if not out.endswith("。"):
        out += "。"
    return out


class Composer:
    def __init__(self, rng: random.Random, profile: dict[str, str], form: str, year: int):
        self.rng = rng
        self.profile = profile
        self.form = form
        ctx = dict(profile)
        ctx.update(year=str(year), next=str(year + 1), sys=rng.choice(["市", "省", "县", "系统"]))
        self.fill = Filler(rng, ctx)
        self.used: set[str] = set()

    # -- pieces ---------------------------------------------------------------
    def pick(self, pool: list[str], k: int = 1) -> list[str]:
        fresh = [s for s in pool if s not in self.used] or pool
        chosen = self.rng.sample(fresh, min(k, len(fresh)))
        self.used.update(chosen)
        return [self.fill(s) for s in chosen]

    def body(self, dim: str, lo: int = 2, hi: int = 5, lead: bool = True,
             groups: list[list[str]] | None = None) -> str:
        groups = groups or P.BODY[dim] + P.BODY_MORE[dim]
        extra = P.BUSINESS.get(self.profile["id"], []) + P.BUSINESS_GENERIC if dim == "其他" else []
        ng = self.rng.randint(1, min(3, len(groups)))
        parts: list[str] = []
        for g in self.rng.sample(groups, ng):
            parts += self.pick(g + (extra if dim == "其他" else []), self.rng.randint(1, 2))
        parts = parts[: self.rng.randint(lo, hi)] or parts[:1]
        if lead and self.form == "述职" and self.rng.random() < 0.6:
            parts[0] = self.fill(self.rng.choice(P.SHUZHI_LEAD[dim])) + parts[0]
        elif lead and self.rng.random() < 0.55:
            opener = self.fill(self.rng.choice(P.LEAD[dim] + P.LEAD_NEUTRAL))
            parts[0] = opener + parts[0]
        if self.rng.random() < 0.5:
            parts.append(self.fill(self.rng.choice(P.RESULT[dim])))
        return sentence_join(parts)

    def enumerated_body(self, dim: str) -> str:
        """A body that lists its points inline: 一是…；二是…；三是…。"""
        groups = P.BODY[dim] + P.BODY_MORE[dim]
        pool = [s for g in groups for s in g]
        parts = self.pick(pool, self.rng.randint(2, 3))
        return "；".join(f"{cn_num(i)}是{p}" for i, p in enumerate(parts, 1)) + "。"

    def short_heading(self, dim: str) -> str:
        return self.rng.choice(P.SHORT[dim]) + self.rng.choice(P.SHORT_TAIL)

    def long_heading(self, dim: str) -> str:
        a = self.rng.choice(P.LONG_A[dim])
        b = self.rng.choice(P.LONG_B[dim])
        return f"{a}，{b}"

    def plan_heading(self, dim: str) -> str:
        verb = self.rng.choice(P.PLAN_VERB)
        obj = self.rng.choice(P.PLAN_OBJ[dim])
        goal = self.fill(self.rng.choice(P.PLAN_GOAL[dim]))
        return f"{verb}{obj}，{goal}"

    def plan_body(self, dim: str) -> str:
        return sentence_join(self.pick(P.PLAN_BODY[dim] + P.PLAN_BODY_MORE[dim], self.rng.randint(1, 3)))

    def problem(self, dim: str) -> str:
        return self.pick(P.PROBLEM[dim] + P.PROBLEM_MORE[dim], 1)[0]

    # -- dimension lists ----------------------------------------------------
    def summary_dims(self) -> list[str]:
        dims = list(DIMS)
        r = self.rng.random()
        if r < 0.25:
            self.rng.shuffle(dims)
        elif r < 0.45:
            i, j = sorted(self.rng.sample(range(6), 2))
            dims[i], dims[j] = dims[j], dims[i]
        if self.rng.random() < 0.25:
            dims.remove(self.rng.choice(dims[:-1]))
        if self.rng.random() < 0.25:
            d = self.rng.choice(dims)
            dims.insert(dims.index(d) + 1, d)  # one dimension reported in two items
        if self.rng.random() < 0.35:
            dims.insert(self.rng.randint(len(dims) - 2, len(dims)), "其他")
        return dims

    def plan_dims(self, summary: list[str]) -> list[str]:
        dims = [d for i, d in enumerate(summary) if d not in summary[:i]]
        if self.rng.random() < 0.3:
            dims.remove(self.rng.choice([d for d in dims if d != "其他"]))
        if self.rng.random() < 0.5 and "其他" in dims:
            dims.remove("其他")
        if self.rng.random() < 0.2:
            self.rng.shuffle(dims)
        return dims

    # -- layouts --------------------------------------------------------------
    def compose(self, name: str) -> Report:
        rep = Report(name)
        rng = self.rng
        title = self.fill(rng.choice(P.TITLE[self.form]))
        rep.add(title, "title", "其他", "title")
        if self.form == "述职":
            self.layout_shuzhi(rep)
        elif self.form == "交流发言" or rng.random() < 0.3:
            self.layout_inline(rep)
        else:
            self.layout_headings(rep)
        return rep

    def seasonal(self, pool: list[str]) -> list[str]:
        """Keep half-year wording (上半年/下半年) to half-year reports and out of the others."""
        half = self.form == "半年总结"
        keep = [t for t in pool if ("半年" in t) == half]
        return keep or [t for t in pool if "半年" not in t]

    def section_head(self, part: str) -> str:
        options = P.SECTION_HEAD[part][0].strip("[]").split("|")
        return self.fill(self.rng.choice(self.seasonal(options) if part != "problems" else options))

    def plan_intro(self, k: int) -> str:
        return self.fill(self.rng.choice(self.seasonal(P.SECTION_INTRO["plan"]))).replace("{k}", cn_num(k))

    def opening(self, rep: Report, n: int = 1) -> None:
        pool = P.OPENING[self.form]
        if self.form == "交流发言":  # salutation first, then one opening sentence
            rep.add(self.fill(self.rng.choice(pool[:2])), "opening", "其他", "opening")
            pool = pool[2:]
        said = self.pick(pool, n)
        for s in said:
            rep.add(s, "opening", "其他", "opening")
        extra = self.fill(self.rng.choice(P.OPENING_EXTRA))
        if self.rng.random() < 0.3 and self.form in ("年度总结", "半年总结") and not any(
                s[:3] == extra[:3] for s in said):
            rep.add(extra, "opening", "其他", "opening")

    def closing(self, rep: Report) -> None:
        pool = [c for c in P.CLOSING if ("述职" in c) == (self.form == "述职") or "谢谢" in c or "批评" in c]
        rep.add(self.fill(self.rng.choice(pool)), "closing", "其他", "closing")

    def inline_label(self, style: str, i: int) -> str:
        labels = {"yishi": f"{cn_num(i)}是", "diyi": f"第{cn_num(i)}，", "paren": f"（{cn_num(i)}）",
                  "arabic": f"{i}．"}
        return labels[style]

    def layout_inline(self, rep: Report) -> None:
        """Exchange-speech style: items are paragraphs opened by 一是/第一，/（一）."""
        rng = self.rng
        self.opening(rep, self.rng.choice([1, 2]) if self.form == "交流发言" else 1)
        sdims = self.summary_dims()
        style = rng.choice(["yishi", "yishi", "diyi", "paren"])
        for i, d in enumerate(sdims, 1):
            it = rep.new_item()
            head = self.short_heading(d) if style == "yishi" or rng.random() < 0.5 else self.long_heading(d)
            text = f"{self.inline_label(style, i)}{head}。{self.body(d)}"
            rep.add(text, "summary", d, "item", it)
            if rng.random() < 0.25:
                rep.add(self.body(d, 1, 3, lead=False), "summary", d, "body", it)
        if rng.random() < 0.5:
            self.problems(rep, rng.choice(["yishi", "mixed"]), "intro")
        pdims = self.plan_dims(sdims)
        rep.add(self.plan_intro(len(pdims)), "plan", "其他", "intro")
        pstyle = rng.choice(["diyi", "yishi", "paren"])
        for i, d in enumerate(pdims, 1):
            it = rep.new_item()
            rep.add(f"{self.inline_label(pstyle, i)}{self.plan_heading(d)}。{self.plan_body(d)}", "plan", d, "item", it)
        self.closing(rep)

    def layout_headings(self, rep: Report) -> None:
        """Annual-summary style: 一、 sections, （一） items, heading lines alone or with body."""
        rng = self.rng
        self.opening(rep)
        top = 1
        rep.add(f"{cn_num(top)}、{self.section_head('summary')}", "summary", "其他", "section_heading")
        sdims = self.summary_dims()
        sub_alone = rng.random() < 0.5  # item heading on its own line
        for i, d in enumerate(sdims, 1):
            it = rep.new_item()
            head = self.long_heading(d) if rng.random() < 0.8 else self.short_heading(d)
            label = f"（{cn_num(i)}）"
            if sub_alone:
                rep.add(f"{label}{head}", "summary", d, "heading", it)
                if rng.random() < 0.35:  # arabic sub-points under the heading
                    for j in range(1, rng.randint(2, 3) + 1):
                        rep.add(f"{j}．{self.body(d, 1, 3, lead=False)}", "summary", d, "body", it)
                elif rng.random() < 0.2:
                    rep.add(self.enumerated_body(d), "summary", d, "body", it)
                else:
                    for _ in range(rng.choice([1, 1, 2])):
                        rep.add(self.body(d), "summary", d, "body", it)
            else:
                rep.add(f"{label}{head}。{self.body(d)}", "summary", d, "item", it)
        if rng.random() < 0.7:
            top += 1
            rep.add(f"{cn_num(top)}、{self.section_head('problems')}", "problems", "其他", "section_heading")
            self.problems(rep, rng.choice(["yishi", "paren", "mixed"]), "intro" if rng.random() < 0.5 else None)
        top += 1
        rep.add(f"{cn_num(top)}、{self.section_head('plan')}", "plan", "其他", "section_heading")
        pdims = self.plan_dims(sdims)
        if rng.random() < 0.4:
            rep.add(self.plan_intro(len(pdims)), "plan", "其他", "intro")
        pstyle = rng.choice(["paren", "yishi", "arabic"])
        for i, d in enumerate(pdims, 1):
            it = rep.new_item()
            head = self.plan_heading(d)
            if pstyle == "paren" and sub_alone and rng.random() < 0.6:
                rep.add(f"（{cn_num(i)}）{head}", "plan", d, "heading", it)
                rep.add(self.plan_body(d), "plan", d, "body", it)
            else:
                rep.add(f"{self.inline_label(pstyle, i)}{head}。{self.plan_body(d)}", "plan", d, "item", it)
        self.closing(rep)

    def layout_shuzhi(self, rep: Report) -> None:
        """Personal duty report: study, duties (sub-items per dimension), integrity, gaps, plans."""
        rng = self.rng
        self.opening(rep)
        top = 0
        sdims = [d for d in self.summary_dims() if d != "队伍建设"]
        if rng.random() < 0.6:
            top += 1
            it = rep.new_item()
            study = self.fill("[加强学习，提升政治素养|坚持学习，不断提高综合素质|强化理论武装，带好办公室队伍]")
            rep.add(f"{cn_num(top)}、{study}",
                    "summary", "队伍建设", "heading", it)
            study = [P.BODY["队伍建设"][0], P.BODY["队伍建设"][3], P.BODY_MORE["队伍建设"][0]]
            rep.add(self.body("队伍建设", groups=study), "summary", "队伍建设", "body", it)
        top += 1
        rep.add(f"{cn_num(top)}、{self.fill('[履职尽责，全力服务中心工作|认真履职，较好完成各项任务|聚焦主业，履职尽责抓落实]')}",
                "summary", "其他", "section_heading")
        style = rng.choice(["yishi", "paren", "diyi"])
        for i, d in enumerate(sdims, 1):
            it = rep.new_item()
            head = self.short_heading(d) if rng.random() < 0.5 else self.long_heading(d)
            text = f"{self.inline_label(style, i)}{head}。"
            rep.add(text + self.body(d, 2, 4), "summary", d, "item", it)
        top += 1
        it = rep.new_item()
        rep.add(f"{cn_num(top)}、{self.fill('[严守纪律，廉洁自律|从严律己，守牢廉洁底线|落实责任，抓好党风廉政建设]')}",
                "summary", "队伍建设", "heading", it)
        clean = [P.BODY["队伍建设"][2], P.BODY_MORE["队伍建设"][1]]
        rep.add(self.body("队伍建设", 2, 4, groups=clean), "summary", "队伍建设", "body", it)
        top += 1
        gaps = self.fill("[存在的不足|存在的问题和不足|工作中的差距]")
        rep.add(f"{cn_num(top)}、{gaps}", "problems", "其他", "section_heading")
        self.problems(rep, rng.choice(["yishi", "mixed"]), None)
        top += 1
        ahead = self.fill("[今后努力方向|下步工作打算|改进措施和努力方向]")
        rep.add(f"{cn_num(top)}、{ahead}", "plan", "其他", "section_heading")
        pdims = self.plan_dims(sdims + ["队伍建设"])
        pstyle = rng.choice(["yishi", "paren", "diyi"])
        for i, d in enumerate(pdims, 1):
            it = rep.new_item()
            rep.add(f"{self.inline_label(pstyle, i)}{self.plan_heading(d)}。{self.plan_body(d)}", "plan", d, "item", it)
        self.closing(rep)

    def problems(self, rep: Report, style: str, intro: str | None) -> None:
        rng = self.rng
        dims = rng.sample(DIMS, rng.randint(2, 4))
        if intro or rng.random() < 0.5:
            rep.add(self.fill(rng.choice(P.SECTION_INTRO["problems"])), "problems", "其他", "intro")
        if style == "mixed":
            parts = [f"{cn_num(i)}是{self.problem(d)}" for i, d in enumerate(dims, 1)]
            rep.add("；".join(parts) + "。", "problems", None, "mixed")
            return
        for i, d in enumerate(dims, 1):
            it = rep.new_item()
            lab = f"{cn_num(i)}是" if style == "yishi" else f"（{cn_num(i)}）"
            extra = self.problem(d) if rng.random() < 0.4 else ""
            text = f"{lab}{self.problem(d)}" + (f"，{extra}" if extra else "") + "。"
            rep.add(text, "problems", d, "item", it)


def compose_all(n: int, seed: int) -> list[Report]:
    rng = random.Random(seed)
    reports = []
    for i in range(n):
        profile = P.PROFILES[i % len(P.PROFILES)]
        form = FORMS[(i * 3 + rng.randint(0, 6)) % len(FORMS)]
        year = rng.randint(2019, 2025)
        name = f"{i + 1:03d}_{profile['id']}_{FORM_ID[form]}.txt"
        reports.append(Composer(rng, profile, form, year).compose(name))
    return reports


def write(reports: list[Report], out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.txt"):
        old.unlink()
    with (out / "labels.jsonl").open("w", encoding="utf-8") as lab:
        for rep in reports:
            (out / rep.name).write_text("\n".join(t for t, _ in rep.lines) + "\n", encoding="utf-8")
            for line_no, (_text, meta) in enumerate(rep.lines, 1):
                rec = {"file": rep.name, "line": line_no, **meta}
                lab.write(json.dumps(rec, ensure_ascii=False) + "\n")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=96)
    ap.add_argument("--seed", type=int, default=20261125)
    ap.add_argument("--out", type=Path, default=ROOT / "corpora" / "reports")
    args = ap.parse_args(argv)
    reports = compose_all(args.n, args.seed)
    write(reports, args.out)
    counts: dict[str, int] = {}
    for rep in reports:
        for _, meta in rep.lines:
            d = meta["dimension"] or "mixed"
            counts[d] = counts.get(d, 0) + 1
    print(f"{len(reports)} reports, labelled lines per dimension: {counts}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
