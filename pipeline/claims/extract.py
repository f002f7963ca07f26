"""Stage ``claims``: find every numeric claim and fill ``doc.claims``.

One scan over the text finds numerals (Arabic, full-width, Chinese, fractions,
百分之N, placeholders such as X件); each is read together with the markers and
unit around it, dropped if it is not a claim (``notclaims``), and given its
metric, period and comparison frame (``context``). Regular expressions only:
the stage must cost little next to segmentation.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from pipeline.claims import context as ctx
from pipeline.claims.binding import bind
from pipeline.claims.model import Claim
from pipeline.claims.notclaims import not_claim
from pipeline.claims.numerals import CN_CHARS, CN_DIGIT, CN_UNIT, arabic_value, chinese_value, has_full_width
from pipeline.document import Document, Token, Tokens
from pipeline.vocab import approx, extend, units
from pipeline.vocab.approx import alternation
from pipeline.vocab.change import CHANGE_TO
from pipeline.vocab.units import NOT_AFTER

# Thousands separators: "," between half-width digits; old texts set "，" between full-width ones.
# Some copied texts space every digit out (4 0 0 亿元); such a run is read as one number.
# Old texts also put "，" between half-width groups (1，753亿元): accepted after 1-3 leading digits.
ARABIC = (r"(?:[0-9](?: [0-9])+(?![0-9])|[0-9]{1,3}(?:，[0-9]{3}(?![0-9]))+|[0-9]+(?:,[0-9]{3}(?![0-9]))*"
          r"|[０-９]+(?:[，,][０-９]{3}(?![０-９]))*)(?:[.．][0-9０-９]+)?")
CN = rf"[{CN_CHARS}]+(?:[点點][{CN_DIGIT}]+)?"
PLACEHOLDER = r"(?:[XxＸｘ]{1,4}|×{1,4})"
# Every alternative of NUMBER starts with one of these: scanning for them first skips the
# plain text between numerals far faster than trying NUMBER at each position.
NUMBER_START = re.compile(rf"[0-9０-９{CN_CHARS}XxＸｘ×]")


def _unit_re() -> str:
    """The ledger's units as an alternation, longest first, each guarded by the characters that may not follow it."""
    return "|".join(
        re.escape(u) + (f"(?![{NOT_AFTER[u]}])" if u in NOT_AFTER else "")
        for u in sorted(set(units.LEDGER_UNITS), key=len, reverse=True)
    )


@extend.on_change
def _compile() -> None:
    """Build the patterns that hold the units and approximation markers (again when user lists change)."""
    global UNIT_RE, _BEFORE_UNIT, NUMBER, TAIL, PREFIX_APPROX
    UNIT_RE = _unit_re()
    _BEFORE_UNIT = alternation(approx.BEFORE_UNIT)
    NUMBER = re.compile(
        rf"(?P<frac>(?P<den>{ARABIC}|{CN})分之(?P<nom>{ARABIC}|{CN}))"
        rf"|(?P<ar>{ARABIC})"
        rf"|(?P<cn>{CN})"
        rf"|(?P<ph>(?<![A-Za-z0-9Ａ-Ｚａ-ｚ０-９_\-]){PLACEHOLDER}(?![A-Za-z0-9Ａ-Ｚａ-ｚ０-９_\-])"
        rf"(?=(?:{_BEFORE_UNIT})?(?:{UNIT_RE})))"
    )
    TAIL = re.compile(
        rf"(?P<ap1>{_BEFORE_UNIT})?(?P<mag>万亿|亿|万|萬萬|億|萬)?(?P<ap2>{_BEFORE_UNIT})?(?P<unit>{UNIT_RE})?"
        rf"(?P<ap3>{alternation(approx.AFTER_UNIT)})?"
    )
    PREFIX_APPROX = re.compile(rf"(?:{alternation(approx.PREFIX)})$")


UNIT_RE: str
_BEFORE_UNIT: str
NUMBER: re.Pattern[str]
TAIL: re.Pattern[str]
PREFIX_APPROX: re.Pattern[str]
_compile()
JOIN = re.compile(r"(?:%|％)?(?:至|到|～|~|〜|——|—|－|–|-)")
BARE_OK = re.compile(rf"(?:达到|达|为|{'|'.join(CHANGE_TO)}|增长|增加|提高|下降|减少|共|计|合计|"
                     r"总计|累计|突破|超过|由|从|至|到)(?:了)?$")
SIGN = "-－−"
MAX_NUMERAL = 40  # characters; longer numerals are digit rows, not figures
# Units of a share (占…的102%, 为…的2.6倍) and of a change that 多/少 may state (多5个百分点).
SHARE_UNITS = frozenset(units.PERCENT + units.TIMES + ("分之",))
RATE_CHANGE_UNITS = frozenset(("%", *units.POINTS, "倍"))
NOT_APPROX_BEFORE = {"约": "制节签预合履特契公相邀条规誓隐大", "近": "最附临靠邻贴亲接将就", "超": "赶高"}


def run(doc: Document, options=None) -> None:
    """Stage ``claims``: the ledger of numeric claims, in document order."""
    doc.claims = extract(doc)


def extract(doc: Document) -> list[Claim]:
    text = doc.text
    claims: list[Claim] = []
    sent_starts = [s.start for s in doc.sentences]
    token_starts = doc.token_starts()
    for p in doc.paragraphs:
        if p.part == "furniture" or not _has_number_char(p.text):
            continue  # 浏览次数：1234 is the page's, not the report's
        here: list[Claim] = []
        pos = p.start
        if p.item is not None and not p.item.inline and p.item.paragraph == p.index:
            pos = p.item.end  # the label (20.) is no number: 20.2026年 is item 20 on the year 2026
        while True:
            m = _next_number(text, pos, p.end)
            if m is None:
                break
            claim, pos = _read(text, m, p.end)
            if claim is None:
                continue
            claim.paragraph = p.index
            claim.section = p.section
            si = bisect.bisect_right(sent_starts, claim.num_start) - 1
            claim.sentence = si
            here.append(claim)
        if here:
            lo = bisect.bisect_left(token_starts, p.start)
            hi = bisect.bisect_left(token_starts, p.end)
            _annotate(doc, p, here, doc.tokens[lo:hi])
            bind(text, here, doc.sentences, p.start, p.section)
            claims.extend(here)
    return claims


_NUMBER_CHARS = re.compile(rf"[0-9０-９{CN_DIGIT}{CN_UNIT}XxＸｘ×]")


def _next_number(text: str, pos: int, hi: int) -> re.Match | None:
    """``NUMBER.search(text, pos, hi)``: the same match, found by trying only where a numeral can start."""
    while True:
        s = NUMBER_START.search(text, pos, hi)
        if s is None:
            return None
        m = NUMBER.match(text, s.start(), hi)
        if m is not None:
            return m
        pos = s.start() + 1


def _has_number_char(s: str) -> bool:
    return _NUMBER_CHARS.search(s) is not None


def _read(text: str, m: re.Match, hi: int) -> tuple[Claim | None, int]:
    """Read the claim starting at numeral match ``m``; return it (or None) and where to go on."""
    num_start, num_end = m.start(), m.end()
    if num_end - num_start > MAX_NUMERAL:
        return None, num_end  # a row of digits (an ID, a pasted table), not a figure: int() would refuse it
    if m.group("ph"):
        return _placeholder(text, m, hi)
    chinese = m.group("cn") is not None or (m.group("frac") is not None and not re.match(r"[0-9０-９]", m.group()))
    raw_num = m.group()
    magnitude = ""
    mag_skip = 0  # a 万/亿 split off the end of a Chinese numeral (三万人)
    unit = ""
    value = None
    if m.group("frac"):
        den, nom = m.group("den"), m.group("nom")
        dv, nv = _value(den), _value(nom)
        if dv is None or nv is None or isinstance(dv, tuple) or isinstance(nv, tuple) or dv == 0:
            return None, num_end
        if dv == 100:
            value, unit = nv, "%"
        elif dv == 1000:
            value, unit = nv, "‰"
        else:
            value, unit = round(nv / dv, 6), "分之"
        tail = TAIL.match(text, num_end, hi)
        claim_end = num_end
        approx = [a for a in (tail.group("ap3"),) if a] if tail and not tail.group("unit") else []
        if approx:
            claim_end = tail.end()
        return _finish(text, num_start, num_end, claim_end, raw_num, value, unit, "", approx, chinese, hi)
    if chinese:
        round_words = raw_num in ("百万", "千万", "十万", "百亿", "千亿", "万亿") and (
            text[num_start - 1:num_start] in ("近", "上", "逾", "超", "约", "数")
            or TAIL.match(text, num_end, hi).group("unit")) or (
            raw_num in ("百", "千") and text[num_start - 1:num_start] in ("近", "逾", "超", "约"))
        if round_words:  # 近千万家庭, 上百万人, 近千人: a round number without its 一
            raw_num = "一" + raw_num
        elif raw_num[0] in CN_UNIT[1:] or not any(ch in CN_DIGIT or ch == "十" for ch in raw_num):
            return None, num_end
        # 三万人, 十三亿: the last 万/亿 is a magnitude, as after Arabic digits
        for mag in ("万亿", "亿", "万", "萬億", "億", "萬"):
            if raw_num.endswith(mag) and len(raw_num) > len(mag):
                rest = raw_num[:-len(mag)]
                mag = mag.replace("萬", "万").replace("億", "亿")
                if not any(ch in rest for ch in "万亿萬億"):
                    raw_num, magnitude, mag_skip = rest, mag, len(mag)
                    num_end = num_start + len(rest) - (1 if round_words else 0)
                break
        value = chinese_value(raw_num)
        if value is None:
            return None, m.end()
    else:
        value = arabic_value(raw_num)
    # a range: 3至5个, 3%～5%, 三至五年
    range_end = None
    j = JOIN.match(text, num_end + mag_skip, hi)
    if j:
        m2 = NUMBER.match(text, j.end(), hi)
        if m2 and len(m2.group()) <= MAX_NUMERAL and (m2.group("cn") is not None) == chinese \
                and not m2.group("frac") and not m2.group("ph"):
            v2 = chinese_value(m2.group()) if chinese else arabic_value(m2.group())
            if v2 is not None and not isinstance(v2, tuple) and not isinstance(value, tuple) and v2 > value:
                value = (value, v2)
                range_end = m2.end()
    after_num = range_end or num_end
    if " " in raw_num and text[after_num:after_num + 1] == " ":
        after_num += 1  # 4 0 0 亿元: the space before the unit belongs to the spacing
    tail = TAIL.match(text, after_num + (0 if range_end else mag_skip), hi)
    approx: list[str] = []
    claim_end = after_num + (0 if range_end else mag_skip)
    if tail:
        if tail.group("mag"):
            if magnitude:
                return None, tail.end()
            magnitude = tail.group("mag").replace("萬", "万").replace("億", "亿")
        for g in ("ap1", "ap2"):
            if tail.group(g):
                approx.append(tail.group(g))
        unit = tail.group("unit") or ""
        claim_end = max(claim_end, tail.end("ap2") if tail.group("ap2") else
                        tail.end("mag") if tail.group("mag") else
                        tail.end("ap1") if tail.group("ap1") else claim_end)
        if unit:
            claim_end = tail.end("unit")
            if unit == "个" and re.match(r"多(?:月|小时|星期)", text[claim_end:claim_end + 3]):
                approx.append("多")
                extra = 2 if text[claim_end + 1] != "小" else 3
                unit = "个" + text[claim_end + 1:claim_end + extra]
                claim_end += extra
        if tail.group("ap3") and (unit or tail.group("mag") or tail.group("ap1")) or (tail.group("ap3") and not unit):
            if tail.group("ap3"):
                approx.append(tail.group("ap3"))
                claim_end = tail.end()
    if unit == "％":
        unit = "%"
    if "多" in approx and not unit and not magnitude:
        approx.remove("多")  # 300多 without a unit: 多 starts the next word (300多次 has its unit)
        claim_end = after_num
    return _finish(text, num_start, after_num, claim_end, text[num_start:after_num], value, unit, magnitude,
                   approx, chinese, hi, raw_numeral=raw_num)


def _value(s: str):
    if re.match(r"[0-9０-９]", s):
        return arabic_value(s)
    return chinese_value(s)


def _finish(text, num_start, num_end, claim_end, raw_num, value, unit, magnitude, approx, chinese, hi,
            raw_numeral=None) -> tuple[Claim | None, int]:
    numeral = raw_numeral or raw_num
    reason = not_claim(text, num_start, num_end, claim_end, numeral, unit, chinese, value)
    if reason:
        return None, max(num_end, num_start + 1)
    start = num_start
    negative = False
    if num_start > 0 and text[num_start - 1] in SIGN and not re.match(r"[0-9０-９]", text[num_start - 2:num_start - 1]):
        negative = True
        start -= 1
    pm = PREFIX_APPROX.search(text, max(0, start - 3), start)
    if pm and pm.group() in NOT_APPROX_BEFORE and pm.start() > 0 \
            and text[pm.start() - 1] in NOT_APPROX_BEFORE[pm.group()]:
        pm = None  # 节约, 最近, 赶超: part of another word
    if pm:
        approx.insert(0, pm.group())
        start = pm.start()
    if not unit and not magnitude and not approx and not chinese:
        # a bare figure counts only after a verb that states a quantity (达到95, 共计120)
        if not BARE_OK.search(text[max(0, start - 4):start]):
            return None, max(num_end, num_start + 1)
    if chinese and not unit and not magnitude:
        return None, max(num_end, num_start + 1)
    if chinese:
        kind = "chinese"
    elif has_full_width(raw_num):
        kind = "fullwidth"
    else:
        kind = "arabic"
    claim = Claim(start=start, end=claim_end, num_start=num_start, num_end=num_end, raw=text[start:claim_end],
                  value=value, unit=unit, magnitude=magnitude, approx=approx, negative=negative, numeral=kind)
    return claim, claim_end


def _placeholder(text: str, m: re.Match, hi: int) -> tuple[Claim | None, int]:
    """X件, XX期: a claim whose value is still to be filled in (RL101 reports it)."""
    tail = TAIL.match(text, m.end(), hi)
    unit = tail.group("unit") if tail else ""
    if not unit or unit in ("年",) or text[m.start() - 2:m.start()] in ("20", "19"):
        return None, m.end()
    if text[m.end():m.end() + 1] in ("月", "日"):
        return None, m.end()
    approx = [a for a in (tail.group("ap1"), tail.group("ap2"), tail.group("ap3")) if a]
    claim = Claim(start=m.start(), end=tail.end(), num_start=m.start(), num_end=m.end(),
                  raw=text[m.start():tail.end()], value=None, unit=unit, magnitude=tail.group("mag") or "",
                  approx=approx, numeral="placeholder")
    return claim, tail.end()


NOT_NOUN = re.compile(r"^(?:以上|以下|左右|次|的|了|是|在|为|中|里|后|前|内|来|之|增|减|提|降|上升|下降|达|比|较|"
                      r"同比|环比|"
                      r"共|累计|合计|其中|分别|均|都|已|和|及|与|并|等|或|各|每|到|至|从|由|对|向|被|把|将|也|又|再|还|就|才|"
                      r"正|予以|进行|开展|完成|实现|保持|做到|得到|受到|获得|取得|参加|参与|覆盖|涉及|办结|办理|受理)")


def _noun_after(text: str, pos: int, hi: int, tokens: Sequence[Token]) -> str:
    """The noun a classifier counts (3个示范点 → 示范点); "" when a verb or particle follows."""
    if pos >= hi or not "\u4e00" <= text[pos] <= "\u9fff" or NOT_NOUN.match(text[pos:pos + 4]):
        return ""
    starts = tokens.starts if isinstance(tokens, Tokens) else [t.start for t in tokens]
    i = bisect.bisect_left(starts, pos)
    words = []
    length = 0
    for t in tokens[i:i + 3]:
        if t.start != pos + length or not re.fullmatch(r"[\u4e00-\u9fff]+", t.text) or NOT_NOUN.match(t.text):
            break
        words.append(t.text)
        length += len(t.text)
        if length >= 2:
            break
    return "".join(words)


def _annotate(doc: Document, p, claims: list[Claim], tokens: Sequence[Token]) -> None:
    """Metric, period, role and frame of each claim in paragraph ``p`` (``tokens``: its jieba words)."""
    text = doc.text
    prev: Claim | None = None
    earlier: dict[int, str] = {}  # sentence start -> the period found before it in the paragraph
    p_lo = p.item.end if p.item is not None and not p.item.inline and p.item.paragraph == p.index else p.start
    periods = ctx.PeriodScan(text, p.start, p.end)
    colon_at, colon_scanned = -1, p.start  # the last colon seen in the current sentence, and how far we looked
    topics: dict[tuple[int, int], str] = {}
    numbered: dict[int, bool] = {}  # 、 offset -> whether the part before it holds a number
    for c in claims:
        sent_lo = doc.sentences[c.sentence].start if 0 <= c.sentence < len(doc.sentences) else p.start
        # the clause never reaches back past the previous claim of its sentence (it is cut there
        # below) nor past the sentence start: bounding the scan keeps a long paragraph linear
        same = prev is not None and prev.sentence == c.sentence
        lo = ctx.clause_start(text, p_lo, c.start, prev.start if same else sent_lo, numbered)
        if prev is not None and prev.end > lo and prev.sentence == c.sentence:
            lo = prev.end
        before = text[lo:c.start]
        # role and frame from the words right before the number
        near = text[max(sent_lo, c.start - 12):c.start]
        if ctx.FROM.search(near):
            c.role, c.frame = "from", "由…至…"
        elif ctx.TO.search(near) and prev is not None and prev.role == "from" and prev.sentence == c.sentence:
            c.role, c.frame = "to", "由…至…"
        elif ctx.SHARE.search(near) and c.unit in SHARE_UNITS:
            c.role = "share"  # 占预算数的102%, 为1955年的98.9%, 等于1949年的2.6倍
        elif ctx.BASE.search(near):
            c.role, c.frame = "base", ctx.BASE.search(near).group().rstrip("的")
        else:
            cm = ctx.CHANGE.search(near)
            if cm and not (cm.group(1) in ("多", "少") and c.unit not in RATE_CHANGE_UNITS):
                c.role, c.verb = "change", cm.group(1)
        comps = list(ctx.COMPARE.finditer(text, lo, c.start))
        comp = comps[-1] if comps else None
        if comp is not None and c.role in ("change", "value") and not c.frame:
            c.frame = comp.group()
        if c.role == "change" and not c.frame and prev is not None and prev.sentence == c.sentence:
            if prev.role == "to":
                c.frame = "由…至…"
            elif prev.role == "base":
                c.frame = prev.frame
        # metric
        if c.role in ("from", "base", "to"):
            cut = {"from": ctx.FROM, "base": ctx.BASE, "to": ctx.TO}[c.role].search(before)
            before = before[:cut.start()] if cut else before
        metric = ctx.clean_metric(before)
        if c.role == "base":
            metric = ""
        if c.role == "share" and prev is not None and prev.sentence == c.sentence:
            metric = f"{prev.metric}·{metric}" if metric else prev.metric
        inherit = (not metric and prev is not None and prev.sentence == c.sentence
                   and (c.role in ("to", "change", "base", "share") or not text[prev.end:c.start].strip("、和及 　")))
        if inherit:
            metric = prev.metric
            c.metric_source = "inherited"
        elif not metric:
            after = ctx.after_phrase(text, c.end, p.end)
            if after.startswith("的"):
                after = after[1:]
            elif c.unit not in units.VERBAL_UNITS and c.unit not in units.CLASSIFIERS:
                after = ""
            if c.unit not in units.VERBAL_UNITS:
                after = after.split("的", 1)[0]  # 5120件咨询求助的基础上 → 咨询求助
            metric = ctx.clean_metric(after)
            c.metric_source = "after" if metric else "before"
        elif c.unit in units.CLASSIFIERS:
            noun = _noun_after(text, c.end, p.end, tokens)
            if noun:
                metric = f"{metric}…{noun}"
        c.metric = metric
        if not same:
            colon_at, colon_scanned = -1, sent_lo
        if colon_scanned < c.start:  # only the text since the previous claim is searched again
            colon_at = max(colon_at, text.rfind("：", colon_scanned, c.start), text.rfind(":", colon_scanned, c.start))
            colon_scanned = c.start
        colon = colon_at if colon_at < c.start else max(text.rfind("：", sent_lo, c.start),
                                                        text.rfind(":", sent_lo, c.start))
        if colon < sent_lo:
            c.topic = ""
        else:
            c.topic = topics.get((sent_lo, colon)) or topics.setdefault((sent_lo, colon), text[sent_lo:colon])
        # period: in the sentence before the number, else earlier in the paragraph
        period = periods.last(sent_lo, c.start)
        if not period:  # earlier in the paragraph: the same scan for every claim of the sentence
            period = earlier.get(sent_lo)
            if period is None:
                period = earlier[sent_lo] = periods.last(p.start, sent_lo)
        if c.role == "from" and re.search(r"(?:由|从)(?:上年|去年|上一年)", near):
            period = "上年"
        if c.role in ("from", "to"):
            y = re.search(ctx.YEAR, near)
            period = y.group() if y else period
        if c.role == "base":
            b = ctx.BASE.search(near)
            period = "上年" if b and re.search("上年|去年|上一年", b.group()) else period
        c.period = period
        prev = c
