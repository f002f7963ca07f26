"""Generate a test archive: years of short work reports from many issuers, plus broken files.

Usage: python scripts/make_archive.py OUT_DIR [--count 240] [--seed 7] [--with-script]

The text comes from the phrase pools below (written for this project). Each
issuer has a handful of metrics that evolve year by year; most stated changes
(较上年增长N%) are computed from last year's figure, a few are deliberately
wrong, and one metric per some issuers stays identical for years, so the
cross-document checks have something real to find. Dimensions are sometimes
left out. A manifest.json lists the good and the broken files and what was
planted, for the tests.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pipeline.vocab.numerals import chinese_numeral  # noqa: E402

PLACES = ["青岚县", "白沙镇", "东川区", "临江市", "石门县", "云溪乡", "北塘街道", "南湖区", "枫林县", "金山镇",
          "柳河县", "望江区", "桐溪镇", "西岭县", "清水乡", "鹤鸣区"]
UNITS = {"县": ["人民政府办公室", "财政局", "教育局", "卫生健康局", "信访局", "市场监督管理局"],
         "区": ["人民政府办公室", "民政局", "住房和城乡建设局", "司法局"],
         "市": ["人民政府办公室", "发展和改革委员会", "审计局"],
         "镇": ["人民政府"], "乡": ["人民政府"], "道": ["办事处"]}
INFO_NAMES = ["政务信息", "工作动态", "督查通报", "调研参考"]
TITLES = ["{issuer}{year}年工作总结", "{year}年{issuer}工作总结", "{issuer}关于{year}年度工作情况的报告",
          "{issuer}{year}年工作汇报"]
OPENINGS = [
    "{year}年，我们在上级的正确领导下，紧扣中心任务，扎实履行职责，各项工作取得新进展。",
    "一年来，我们坚持围绕中心、服务大局，较好完成了全年目标任务。现将有关情况报告如下。",
    "今年以来，在各方面的支持下，我们聚焦主责主业，推动各项工作落地见效。",
]
DIMENSIONS = {
    "参谋辅政": ["参谋辅政更加到位", "以文辅政水平持续提升", "信息调研工作扎实开展"],
    "督查落实": ["督查落实更加有力", "重点任务推进见到实效", "督办工作闭环管理"],
    "综合协调": ["综合协调更加顺畅", "上下联动形成合力", "统筹协调能力不断增强"],
    "服务保障": ["服务保障更加周到", "后勤保障精细高效", "会务服务规范有序"],
    "信访维稳": ["信访维稳扎实有效", "矛盾纠纷化解有力", "群众诉求得到回应"],
    "队伍建设": ["队伍建设全面加强", "干部素质稳步提升", "作风建设持续深化"],
}
SENTENCES = {
    "参谋辅政": ["围绕中心工作开展专题调研，形成的建议多次被采纳。", "认真起草各类综合文稿，做到内容准确、格式规范。"],
    "督查落实": ["建立重点任务台账，逐项明确责任和时限。", "对进度滞后的事项及时提醒督促，推动问题解决。"],
    "综合协调": ["加强与各部门的沟通衔接，确保政令畅通。", "统筹安排重要活动，做到忙而不乱。"],
    "服务保障": ["精心组织各类会议，做好会前准备和会后落实。", "规范公务接待和车辆管理，节约运行成本。"],
    "信访维稳": ["落实领导干部接访下访制度，推动信访事项就地化解。", "开展矛盾纠纷排查，做到早发现、早处置。"],
    "队伍建设": ["组织干部参加业务培训，提升履职能力。", "严格执行各项制度，营造风清气正的工作氛围。"],
}
# metric phrase (with {info} for the information bulletin), unit, dimension, base range, kind
METRICS = [
    ("全年编发《{info}》", "期", "参谋辅政", (20, 80), "count"),
    ("开展专题调研", "次", "参谋辅政", (4, 20), "count"),
    ("督查督办重点事项", "项", "督查落实", (30, 160), "count"),
    ("办理人大代表建议", "件", "督查落实", (20, 140), "count"),
    ("组织协调专题会议", "场", "综合协调", (10, 60), "count"),
    ("处理各类公文", "份", "服务保障", (600, 3000), "count"),
    ("受理群众来信来访", "件", "信访维稳", (80, 600), "count"),
    ("信访事项按期办结率达", "%", "信访维稳", (85, 97), "rate"),
    ("组织干部培训", "人次", "队伍建设", (40, 300), "count"),
]
PLANS = ["下一步，我们将坚持问题导向，补短板、强弱项，推动各项工作再上新台阶。",
         "新的一年，我们将进一步提高站位、改进作风，努力把各项工作做得更好。"]
BROKEN = {
    "broken/empty.txt": b"",
    "broken/blank.md": "   \n\n\u3000\n".encode(),
    "broken/binary.txt": bytes(range(256)) * 8,
    "broken/corrupt.docx": b"PK\x03\x04" + b"\x00\x17not really a zip archive" * 40,
    "broken/old_format.doc": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 1024,
}


def issuers(n: int, rng: random.Random) -> list[str]:
    out: list[str] = []
    for place in PLACES:
        for unit in UNITS[place[-1]]:
            out.append(place + unit)
    rng.shuffle(out)
    while len(out) < n:  # more than the pool: number the copies as separate units
        out.append(f"{rng.choice(PLACES)}第{len(out)}工作组办公室")
    return out[:n]


def evolve(rng: random.Random, lo: int, hi: int, kind: str, years: list[int], constant: bool) -> dict[int, float]:
    if kind == "rate":
        v = rng.uniform(lo, hi)
        vals = {}
        for y in years:
            vals[y] = round(v, 1)
            if not constant:
                v = min(99.9, v + rng.uniform(-1.5, 2.5))
        return vals
    v = rng.randint(lo, hi)
    vals = {}
    for y in years:
        vals[y] = v
        if not constant:
            v = max(1, round(v * (1 + rng.uniform(-0.15, 0.35))))
    return vals


def change_text(kind: str, now: float, before: float, wrong: bool, rng: random.Random) -> str:
    if kind == "rate":
        d = round(now - before, 1) + (rng.choice([-1.5, 2.0]) if wrong else 0)
        return f"，较上年{'提高' if d >= 0 else '下降'}{abs(d):.1f}个百分点"
    if rng.random() < 0.3:
        d = now - before + (rng.choice([-7, 9]) if wrong else 0)
        if d == 0:
            return ""
        return f"，较上年{'增加' if d >= 0 else '减少'}{abs(int(d))}{{unit}}"
    pct = (now - before) / before * 100 + (rng.choice([-12, 15]) if wrong else 0)
    if abs(pct) < 0.5:
        return ""
    return f"，较上年{'增长' if pct >= 0 else '下降'}{abs(round(pct))}%"


def make(out: Path, count: int = 240, seed: int = 7, with_script: bool = False) -> dict:
    rng = random.Random(seed)
    years = list(range(2018, 2026))
    n_issuers = math.ceil(count / len(years))
    manifest: dict = {"good": [], "broken": sorted(BROKEN), "planted": {"RL701": [], "RL702": [], "RL703": []}}
    docx_budget = 8
    for i, issuer in enumerate(issuers(n_issuers, rng)):
        info = rng.choice(INFO_NAMES)
        chosen = rng.sample(METRICS, 4)
        constant = i % 5 == 0  # every fifth issuer repeats its first metric unchanged
        series = {m[0]: evolve(rng, *m[3], m[4], years, constant and j == 0) for j, m in enumerate(chosen)}
        if constant:
            manifest["planted"]["RL702"].append({"issuer": issuer, "metric": chosen[0][0].format(info=info)})
        dims_all = list(DIMENSIONS)
        dropped_year = years[rng.randrange(3, len(years))] if i % 4 == 1 else None
        for k, year in enumerate(years):
            if len(manifest["good"]) >= count:
                break
            lines = [rng.choice(TITLES).format(issuer=issuer, year=year), rng.choice(OPENINGS).format(year=year)]
            dims = [d for d in dims_all if not (d == "信访维稳" and year == dropped_year)]
            if dropped_year == year:
                manifest["planted"]["RL703"].append({"issuer": issuer, "year": year, "dimension": "信访维稳"})
            for n, dim in enumerate(dims):
                lines.append(f"{chinese_numeral(n + 1)}、{rng.choice(DIMENSIONS[dim])}")
                body = [rng.choice(SENTENCES[dim])]
                for phrase, unit, mdim, _, kind in chosen:
                    if mdim != dim:
                        continue
                    v = series[phrase][year]
                    shown = f"{v:.1f}" if kind == "rate" else str(int(v))
                    if rng.random() < 0.04:
                        shown = "XX"  # an unfilled placeholder left in the draft
                    sentence = f"{phrase.format(info=info)}{shown}{unit}"
                    if k > 0 and shown != "XX" and not (constant and phrase == chosen[0][0]) and rng.random() < 0.6:
                        wrong = rng.random() < 0.15
                        text = change_text(kind, v, series[phrase][year - 1], wrong, rng).format(unit=unit)
                        if wrong and text:
                            manifest["planted"]["RL701"].append({"issuer": issuer, "year": year,
                                                                 "metric": phrase.format(info=info)})
                        sentence += text
                    body.append(sentence + "。")
                lines.append("".join(body))
            lines.append(rng.choice(PLANS))
            if with_script and i == 0 and k == 0:  # markup in a title and a body line must stay text
                lines[0] += "<script>document.title=1</script>"
                lines.insert(2, "附：<script>document.title='injected'</script>一段本不该执行的文字，共XX件。")
            rel = _write(out, issuer, year, lines, rng, docx_budget > 0)
            if rel.endswith(".docx"):
                docx_budget -= 1
            manifest["good"].append(rel)
    for rel, data in BROKEN.items():
        (out / rel).parent.mkdir(parents=True, exist_ok=True)
        (out / rel).write_bytes(data)
    (out / "broken" / "~$lock.docx").write_bytes(b"\x00lock")  # Word's lock file: not a document
    (out / "notes.xlsx").write_bytes(b"PK\x03\x04spreadsheet")  # not a report: not walked
    (out / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    return manifest


def _write(out: Path, issuer: str, year: int, lines: list[str], rng: random.Random, docx_ok: bool) -> str:
    style = rng.random()
    if style < 0.5:
        rel = f"{year}/{issuer}{year}年工作总结.txt"
    elif style < 0.8:
        rel = f"{issuer}/{year}.md"
    else:
        rel = f"misc/{issuer}_{year}_{rng.randrange(10**6):06d}.txt"
    if docx_ok and rng.random() < 0.05:
        rel = rel.rsplit(".", 1)[0] + ".docx"
    path = out / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    if rel.endswith(".docx"):
        import docx

        d = docx.Document()
        for line in lines:
            d.add_paragraph(line)
        d.save(str(path))
    else:
        encoding = "gb18030" if rng.random() < 0.1 else "utf-8"
        path.write_bytes("\n".join(lines).encode(encoding) + b"\n")
    return rel


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out")
    ap.add_argument("--count", type=int, default=240, help="good documents to write")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--with-script", action="store_true", help="add a document with <script> in its text")
    args = ap.parse_args()
    out = Path(args.out)
    if out.exists() and any(out.iterdir()):
        raise SystemExit(f"{out} is not empty; give a new folder")
    os.makedirs(out, exist_ok=True)
    m = make(out, args.count, args.seed, args.with_script)
    print(f"{len(m['good'])} documents and {len(m['broken'])} broken files in {out}")


if __name__ == "__main__":
    main()
