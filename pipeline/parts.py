"""Which paragraphs are the report itself: body, page furniture, appendices.

Text copied from a web page brings the page with it: 【打印本页】【关闭窗口】,
》》点击查看《《, a 字号：大 中 小 line, 来源：/发布时间：/浏览次数 lines, 分享到…,
a breadcrumb, a copyright footer or a licence notice. None of it is the
writer's text, so no rule judges it. Attachments and notes (附件1：, 附表,
名词解释, 注：) are the writer's text but not the report's outline: their
headings start a new numbering and a new level scheme.

The segment stage marks each paragraph's ``part``; ``Document.parts`` lists
the appendices in order. Furniture findings are dropped in one place
(``pipeline.lint``), and the outline stage builds each appendix on its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.vocab.numerals import LABEL_DIGITS

BODY, FURNITURE, APPENDIX = "body", "furniture", "appendix"

_CMD = (r"(?:打印|关闭|收藏|加入收藏|返回|分享|转发|纠错|我要纠错|复制链接|下载|保存|推荐|评论|朗读|放大|缩小)"
        r"(?:本页|此页|该页|窗口|页面|本文|此文|文章|全文|顶部|首页|列表)?")
_SIZE = r"(?:大|中|小|默认|特大|标准)"
_BRACKETED = rf"[【\[［]\s*(?:{_CMD}|{_SIZE}|字号[：:]?\s*{_SIZE}?)\s*[】\]］]"
_SEP = r"[\s|｜/·•]*"
LEADING_COMMANDS = re.compile(rf"^(?:{_SEP}{_BRACKETED})+{_SEP}")
FURNITURE_LINES = (
    # 【打印本页】【关闭窗口】, [打印] [关闭], 打印本页 | 关闭窗口
    re.compile(rf"^(?:{_SEP}(?:{_BRACKETED}|{_CMD}){_SEP})+$"),
    # 》》点击查看原文《《, >>点击进入专题<<, 点击下载附件
    re.compile(r"^(?:》》|>>|»)[^。，；]{0,30}(?:《《|<<|«)$|^[》>][^。，；]{0,6}(?:点击|查看|进入|更多|阅读)[^。，；]{0,20}[《<]$"
               r"|^点击[^。，；]{0,24}$"),
    # 字号：大 中 小 (often on the 来源/时间 line)
    re.compile(rf"(?:字号|字体)[：:]\s*(?:[【\[［]?\s*{_SIZE}\s*[】\]］]?\s*){{2,4}}"
               rf"|(?:字号|字体)\s*[【\[［]?\s*大\s*[】\]］]?[\s|｜/]+[【\[［]?\s*中"),
    # view counters and share bars (a pattern anchored with ^ is kept apart from unanchored ones: mixed in
    # one alternation, neither can skip ahead to the characters it starts with, and each line is walked)
    re.compile(r"(?:浏览次数|浏览量|阅读次数|阅读量|点击数|点击量|点击率|访问量|访问次数)[：:]\s*[0-9０-９]"),
    re.compile(r"^分享到"),
    # breadcrumbs, previous/next links
    re.compile(r"^(?:当前位置|您的位置|你的位置|您现在的位置|所在位置)[：:]|^首页\s*[>＞»›]"
               r"|^(?:上一篇|下一篇|上一条|下一条|相关链接|相关文章|相关阅读|扫一扫)"),
    # site footers
    re.compile(r"\s版权所有(?:\s|[：:©（(]|$)"),
    re.compile(r"Copyright|©|ICP备|网站标识码|公网安备"),
    re.compile(r"^版权所有(?:\s|[：:©（(]|$)|^(?:主办单位|承办单位|技术支持)[：:]"),
    re.compile(r"^↑$|^Public domain$|^(?:false|true)$"),
)
# 来源：XX日报, 发布时间：2025-01-06 作者：…: metadata keys opening a short line. 时间/日期/作者
# alone may open a meeting record's own lines, so they count only beside another key.
# (A key counts at the start of the line or after a space; the regular expression finds the keys alone,
# which it can skip to, and ``meta_keys`` checks what stands before each.)
META_KEY = re.compile(r"(信息来源|文章来源|稿件来源|来源|发布时间|发布日期|发布机构|发文日期|更新时间|"
                      r"时间|日期|作者|责任编辑|编辑|审核|供稿|撰稿|摄影)\s*[：:]")
STRONG_KEYS = {"信息来源", "文章来源", "稿件来源", "来源", "发布时间", "发布日期", "发布机构", "发文日期", "更新时间",
               "责任编辑"}
MAX_META = 120
DATE_LEAD = re.compile(r"^(?:19|20)[0-9]{2}[-年./][0-9]{1,2}[-月./][0-9]{1,2}日?"
                       r"(?:\s+[0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?)?\s")
# 本作品来自…著作权法…公有领域 (a licence template): it and all after it are the page footer.
LICENCE_START = re.compile(r"^(?:本作品|此作品|本文作品)(?:来自|是|在|属于|采用|以|根据)")
LICENCE_WORDS = re.compile(r"著作权|版权|公有领域|许可协议|知识共享")
LICENCE_REACH = 12  # paragraphs over which a wiki template breaks its sentence
FOOTER_PARAGRAPHS, FOOTER_CHARS = 60, 5000  # a page footer is short; more text after a notice is text

APPENDIX_HEAD = re.compile(
    rf"^(?:附件|附表|附录|附图)\s*[0-9０-９{LABEL_DIGITS}]{{0,3}}\s*(?:[：:．.、]|$|\s)|^附[：:]"
    r"|^(?:名词解释|术语解释|名词注释)\s*(?:[（(][^）)]{0,30}[）)])?\s*[：:]?$"
)
NOTES_HEAD = re.compile(r"^(?:注|注释|附注|说明)\s*[：:]?$")
NOTE_LINE = re.compile(r"^(?:[①-⑳]|\[[0-9]{1,3}\]|〔[0-9]{1,3}〕|[0-9]{1,3}[.．、]|（[0-9]{1,3}）|↑$)")
MAX_HEAD = 40


@dataclass
class Part:
    """A run of paragraphs outside the body: an appendix (with its heading) or furniture."""

    kind: str
    first: int  # paragraph indices, inclusive
    last: int
    title: str = ""


def is_furniture_line(text: str) -> bool:
    """Is this line web-page furniture (a command bar, counter, breadcrumb, footer, metadata)?"""
    if any(p.search(text) for p in FURNITURE_LINES):
        return len(text) <= MAX_META or bool(FURNITURE_LINES[0].match(text))
    if len(text) <= MAX_META:
        bare = LEADING_COMMANDS.sub("", text).lstrip("【[［（( ")
        keys = meta_keys(bare)
        if keys and (bare.startswith(keys[0]) or len(keys) >= 2 or DATE_LEAD.match(bare)) \
                and (keys[0] in STRONG_KEYS or len(keys) >= 2):
            return True
    return False


def meta_keys(text: str) -> list[str]:
    """The metadata keys of a line (来源：, 发布时间：), each at its start or after a space."""
    return [m.group(1) for m in META_KEY.finditer(text) if m.start() == 0 or text[m.start() - 1].isspace()]


def is_appendix_head(text: str) -> bool:
    """附件1：… / 附表 / 名词解释: a heading that opens an appendix."""
    return len(text) <= MAX_HEAD and APPENDIX_HEAD.match(text) is not None and not text.endswith("。")


def mark_parts(texts: list[str]) -> tuple[list[str], list[Part]]:
    """The part of each paragraph (body / furniture / appendix), and the appendices and furniture runs.

    Linear: each paragraph is looked at once, plus a bounded look-ahead for licence notices.
    """
    n = len(texts)
    kinds = [BODY] * n
    in_appendix = False
    in_notes = False
    i = 0
    while i < n:
        t = texts[i]
        if i > 0 and LICENCE_START.match(t) and any(LICENCE_WORDS.search(x) for x in texts[i:i + LICENCE_REACH]):
            if n - i <= FOOTER_PARAGRAPHS and sum(len(x) for x in texts[i:]) <= FOOTER_CHARS:
                for j in range(i, n):
                    kinds[j] = FURNITURE  # the page footer: the notice and what follows it
                break
            last = max(j for j in range(i, min(n, i + LICENCE_REACH)) if LICENCE_WORDS.search(texts[j]))
            for j in range(i, last + 1):
                kinds[j] = FURNITURE  # a notice with the text going on after it: the notice alone
            i = last + 1
            continue
        if is_furniture_line(t):
            kinds[i] = FURNITURE
            if t == "↑" and i > 0:
                in_notes = True  # a wiki footnote list: each note follows its back-link
        elif is_appendix_head(t) and i > 0:
            in_appendix, in_notes = True, False
            kinds[i] = APPENDIX
        elif NOTES_HEAD.match(t) and i > 0 and i + 1 < n and NOTE_LINE.match(texts[i + 1]):
            in_notes = True
            kinds[i] = APPENDIX
        elif in_appendix:
            kinds[i] = APPENDIX
        elif in_notes:
            if NOTE_LINE.match(t) or (i > 0 and texts[i - 1] == "↑"):
                kinds[i] = APPENDIX
            else:
                in_notes = False
        i += 1
    return kinds, _runs(texts, kinds)


def _runs(texts: list[str], kinds: list[str]) -> list[Part]:
    """Appendices (each starting at its own heading) and furniture runs, in order."""
    out: list[Part] = []
    for i, k in enumerate(kinds):
        if k == BODY:
            continue
        head = k == APPENDIX and (is_appendix_head(texts[i]) or NOTES_HEAD.match(texts[i]) is not None)
        cur = out[-1] if out else None
        if cur is not None and cur.kind == k and cur.last == i - 1 and not head:
            cur.last = i
        else:
            out.append(Part(k, i, i, texts[i] if k == APPENDIX else ""))
    return out
