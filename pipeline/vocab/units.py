"""Units and measure words of the genre: the one table, and the sub-lists its users need.

Source: GB/T 15835-2011 (numerals with units of measurement, 个百分点 for rate changes) and
GB 3100-1993 for the legal units (米, 千克, 公顷); the Chinese measure words (件, 项, 期, 人次)
are those met in work reports and State Council reports. The table lives in ``data/units.txt``,
one word a line with the uses it has (setup.cfg ``units`` adds user files in the same format):

- ``ledger``: a unit of a figure in the claim ledger (claims/extract.py);
- ``slot``: makes an X before it a number placeholder (X件, XX万元; rules/placeholders.py);
- ``count``: counts things, so it takes Arabic digits in a report (RL308, rules/numbers.py);
- ``verbal``: counts events, not things (次, 轮; claims/extract.py);
- ``classifier``: a classifier of a counted noun (个, 项, 家; claims/extract.py);
- ``blank``: a blank before it stands for a missing number (共  件; rules/placeholders.py).
"""

from __future__ import annotations

from collections.abc import Iterable

from pipeline.vocab import approx
from pipeline.vocab.wordlists import DATA, VocabError
from pipeline.vocab.wordlists import read as read_list

# Relative units: a rate or a ratio, not a count (GB/T 15835: 个百分点 for the change of a rate).
PERCENT = ("%", "‰")
POINTS = ("个百分点", "百分点")
TIMES = ("倍", "成")

USES = ("ledger", "slot", "count", "verbal", "classifier", "blank")
DEFAULT_FILE = DATA / "units.txt"
USER_DEFAULT = ("ledger", "slot")  # a word alone on a line of a user file


def read(extra: Iterable[str] = ()) -> dict[str, frozenset[str]]:
    """The table: each word with its uses. The shipped file lists a word once; a user file may add
    words (alone on a line: ``ledger slot``) or give a listed word more uses."""
    table: dict[str, frozenset[str]] = {}
    for word, uses in read_list(DEFAULT_FILE, USES):
        if word in table:
            raise VocabError(f"{DEFAULT_FILE}: unit {word} listed twice")
        table[word] = frozenset(uses)
    for path in extra:
        for word, uses in read_list(path, USES, USER_DEFAULT):
            table[word] = table.get(word, frozenset()) | frozenset(uses)
    return table


def having(use: str) -> tuple[str, ...]:
    """The words with ``use``, in table order."""
    return tuple(w for w, uses in TABLE.items() if use in uses)


def alternation(words: Iterable[str]) -> str:
    """A regex alternation, longest first so 人次 wins over 人 and 个百分点 over 个."""
    return "|".join(sorted(words, key=len, reverse=True))


def install(table: dict[str, frozenset[str]]) -> None:
    """Make ``table`` the module's table and derive the sub-lists from it."""
    global TABLE, LEDGER_UNITS, SLOT_UNITS, BLANK_UNITS, COUNT_UNITS, VERBAL_UNITS, CLASSIFIERS
    TABLE = table
    LEDGER_UNITS = having("ledger")
    # Before a unit, 余/多 (300余人) also mark a number slot.
    SLOT_UNITS = having("slot") + approx.BEFORE_UNIT
    BLANK_UNITS = having("blank")
    COUNT_UNITS = frozenset(having("count"))
    VERBAL_UNITS = frozenset(having("verbal"))
    CLASSIFIERS = frozenset(having("classifier"))


TABLE: dict[str, frozenset[str]]
LEDGER_UNITS: tuple[str, ...]
SLOT_UNITS: tuple[str, ...]
BLANK_UNITS: tuple[str, ...]
COUNT_UNITS: frozenset[str]
VERBAL_UNITS: frozenset[str]
CLASSIFIERS: frozenset[str]
install(read())

# A measure word must not be the first character of a longer word (期间, 名单, 部门, 条例):
# the characters that may not follow each one.
NOT_AFTER = dict(pair.split(":") for pair in """
期:间限望待盼刊末 名:单称义额誉 家:庭属长乡园族门政风教 部:署分位长队件委 所:有在属以谓得需辖长
条:例件款理 台:账阶 处:理置级长室 单:位元据 点:评名位击赞亮 方:面式法案向针位便 道:路理德 口:号径岸
门:户槛诊类 节:点约能日 头:脑 股:份东 票:据 首:次先都批位届创 集:中团体聚成 卷:宗 眼:光睛
周:年边期密到转末 岁:月末 段:时 成:为立果效本员功绩熟就长交都了型套 年:代度份龄轻薪报鉴会级检审限化
天:然津下地空 次:要序级数日生 人:员们才事工类格生性身心家物选力士均 本:地届级身质职土 场:所景地合面
起:来草步到点 户:籍口外 字:号 层:面级次 张:贴 款:项式 组:织成建 类:似型别 批:示准评复 支:持部队出付撑
位:置于列居 例:如外行会 米:粮 倍:增 间:隔 份:额子
""".split())
