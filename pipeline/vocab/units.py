"""Units and measure words of the genre: the one table, and the sub-lists its users need.

Source: GB/T 15835-2011 (numerals with units of measurement, 个百分点 for rate changes) and
GB 3100-1993 for the legal units (米, 千克, 公顷); the Chinese measure words (件, 项, 期, 人次)
are those met in work reports and State Council reports. Each word appears once in ``TABLE``
with the uses it has:

- ``ledger``: a unit of a figure in the claim ledger (claims/extract.py);
- ``slot``: makes an X before it a number placeholder (X件, XX万元; rules/placeholders.py);
- ``archive``: a unit of a figure compared across years by the archive's text reader (archive/metrics.py);
- ``count``: counts things, so it takes Arabic digits in a report (RL308, rules/numbers.py);
- ``verbal``: counts events, not things (次, 轮; claims/context.py);
- ``classifier``: a classifier of a counted noun (个, 项, 家; claims/context.py).
"""

from __future__ import annotations

from pipeline.vocab.approx import BEFORE_UNIT

TABLE_TEXT = """
ledger slot archive: 个百分点 % ％
ledger slot: 百分点 公里 小时 分钟 元 天 年 册 辆 组 镇 页 字 米 亩 吨 倍 周
ledger: 个工作日 个小时 个月 户次 架次 车次 频次 余次 平方公里 平方米 立方米 千米 千克 公斤 千瓦时 千瓦 公顷 工作日
ledger: 美元 港元 欧元 单 斤 成 ‰ 头 棵 株 间 栋 幢 层 节 课时 学时 堂 门 点 岁 方 段 股 笔 票 首 幅 集 卷 盏 口 眼
ledger: 扇 道 部门 个部门
ledger slot archive count classifier: 个 人次 人 件 期 篇 项 条 家 场 名 批 份 户 所
ledger archive: 件次
ledger count verbal: 场次
ledger slot count verbal: 批次 轮
ledger classifier: 期次 种 款 只
ledger slot archive count verbal: 次
ledger slot archive count: 起
ledger slot count classifier: 座 处 部 本 套 台 类 支 位
ledger slot count: 宗 封 例
ledger slot classifier: 村 张
ledger verbal: 遍 趟
slot archive: 万元 亿元
slot: 千元 万人 万件 万次 日 月 万 亿 千 百 度
verbal: 回 次数
"""


def _table(text: str) -> dict[str, frozenset[str]]:
    table: dict[str, frozenset[str]] = {}
    for line in text.strip().splitlines():
        uses, words = line.split(":")
        for w in words.split():
            if w in table:
                raise ValueError(f"unit {w} listed twice")
            table[w] = frozenset(uses.split())
    return table


TABLE = _table(TABLE_TEXT)


def having(use: str) -> tuple[str, ...]:
    """The words with ``use``, in table order."""
    return tuple(w for w, uses in TABLE.items() if use in uses)


def alternation(words: tuple[str, ...]) -> str:
    """A regex alternation, longest first so 人次 wins over 人 and 个百分点 over 个."""
    return "|".join(sorted(words, key=len, reverse=True))


LEDGER_UNITS = having("ledger")
# Before a unit, 余/多 (300余人) also mark a number slot.
SLOT_UNITS = having("slot") + BEFORE_UNIT
ARCHIVE_UNITS = having("archive")
COUNT_UNITS = frozenset(having("count"))
VERBAL_UNITS = frozenset(having("verbal"))
CLASSIFIERS = frozenset(having("classifier"))

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
