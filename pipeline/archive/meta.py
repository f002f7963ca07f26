"""Issuer (发文单位) and year from a report's title or file name.

Titles follow a few fixed shapes: 青岚县人民政府办公室2025年工作总结,
2025年青岚县人民政府办公室工作总结, 市教育局关于2024年度工作情况的报告. The
issuer must end in an organisation word (办公室, 局, 委员会, 镇 …); anything else
is left unknown rather than guessed, because a wrong issuer would join two
units' figures in the cross-document checks.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

from pipeline.vocab.periods import ARABIC_YEAR, TITLE_PERIOD, TITLE_WRITTEN_YEAR

ORG_END = (
    "办公室|办公厅|人民政府|政府|委员会|常委会|管委会|委|局|厅|署|院|中心|公司|集团|银行|分行|支行|学校|大学|学院|"
    "医院|街道|镇|乡|处|所|部|站|队|社|馆|会|办|庭|科|室"
)
CN_DIGITS = {"〇": "0", "○": "0", "零": "0", "一": "1", "二": "2", "三": "3", "四": "4", "五": "5", "六": "6",
             "七": "7", "八": "8", "九": "9"}
YEAR = rf"(?P<year>{ARABIC_YEAR}|{TITLE_WRITTEN_YEAR})"
PERIOD = rf"(?P<period>{TITLE_PERIOD})?"
KIND = r"(?:工作|述职|专项|综合|情况|总结|汇报|报告|材料|交流|要点|计划)"
ISSUER = rf"(?P<issuer>[^\s，。、：:；;“”《》（）()0-9]{{2,40}}?(?:{ORG_END}))"
ISSUER_FIRST = re.compile(rf"^{ISSUER}(?:关于)?{YEAR}年度?{PERIOD}(?P<rest>.*{KIND}.*)$")
YEAR_FIRST = re.compile(rf"^{YEAR}年度?{PERIOD}{ISSUER}(?P<rest>{KIND}.*)$")
ANY_YEAR = re.compile(rf"(?<!\d)({ARABIC_YEAR})(?!\d)")
TITLE_MAX = 60


@dataclass
class Meta:
    issuer: str | None = None
    year: int | None = None
    period: str | None = None  # 年度 unless the title names a part of the year
    title: str | None = None
    source: str | None = None  # title | filename


def parse_year(text: str) -> int:
    return int("".join(CN_DIGITS.get(ch, ch) for ch in text))


def from_title(line: str) -> Meta | None:
    """Issuer, year and period from a title line, or None if it is not one."""
    text = re.sub(r"[\s　]+", "", line).strip("#*")
    if not text or len(text) > TITLE_MAX:
        return None
    for pattern in (ISSUER_FIRST, YEAR_FIRST):
        m = pattern.match(text)
        if m:
            issuer = m.group("issuer")
            if issuer.startswith("关于"):
                continue
            year = parse_year(m.group("year"))
            if not 1949 <= year <= 2100:
                continue
            return Meta(issuer=issuer, year=year, period=m.group("period") or "年度", source="title")
    return None


def from_filename(path: str) -> Meta:
    stem = os.path.splitext(os.path.basename(path))[0]
    meta = from_title(stem)
    if meta:
        meta.source = "filename"
        return meta
    m = ANY_YEAR.search(stem)
    return Meta(year=int(m.group(1)), source="filename") if m else Meta()


def title_of(paragraphs: list[str]) -> str | None:
    """The first paragraph when it is short enough to be a title."""
    for p in paragraphs[:1]:
        if len(p) <= TITLE_MAX:
            return p
    return None


def document_meta(path: str, paragraphs: list[str]) -> Meta:
    """Title first (it is what the issuer wrote), the file name fills the gaps."""
    title = title_of(paragraphs)
    meta = (from_title(title) if title else None) or Meta()
    meta.title = title
    if meta.issuer is None or meta.year is None:
        fn = from_filename(path)
        if meta.issuer is None and fn.issuer is not None:
            meta.issuer, meta.period, meta.source = fn.issuer, fn.period, fn.source
            meta.year = meta.year or fn.year
        if meta.year is None and fn.year is not None:
            meta.year = fn.year
            meta.source = meta.source or "filename"
    return meta
