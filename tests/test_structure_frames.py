"""Frame induction: shared fixed words and slot lengths, and the one item that breaks them."""

from __future__ import annotations

from pipeline.structure.frames import find_deviation, induce


def test_rigid_frame_and_length_deviation():
    heads = ["文稿起草更精准", "信息报送更及时", "会务服务更周到", "机要保密工作更严密", "值班值守更规范"]
    dev = find_deviation(heads)
    assert dev is not None and dev.index == 3 and dev.how == "length"
    assert dev.frame.pattern == "[4]更[2]"
    assert dev.frame.describe(heads[3]) == "[6]更[2]"


def test_loose_frame_with_varying_slot():
    heads = ["围绕全局抓调研，在辅助决策上见实效", "压实责任抓督办，在推动落实上见实效",
             "上下联动抓协调，在提高运转效率上见实效", "用心用情抓服务，在保障水平上见实效"]
    frame = induce(heads)
    assert frame is not None and frame.strong
    assert "上见实效" in frame.pattern
    assert all(frame.fits(h) for h in heads)
    assert find_deviation(heads) is None


def test_missing_fixed_words():
    heads = ["聚焦主责，文稿质量稳步提高", "聚焦主业，督办成效持续显现", "聚焦基层，协调能力明显增强",
             "后勤工作", "聚焦队伍，干部素质全面提升"]
    dev = find_deviation(heads)
    assert dev is not None and dev.index == 3 and dev.how == "words"
    assert dev.frame.pattern.startswith("聚焦[2]，")


def test_no_frame_in_ordinary_series():
    heads = ["加强理论学习", "改进调查研究的方式方法", "严格执行各项纪律", "提升服务群众能力"]
    assert find_deviation(heads) is None
    heads = ["保持宏观政策连续性针对性", "优化和落实助企纾困政策", "深化改革扩大开放", "强化创新引领"]
    assert find_deviation(heads) is None


def test_too_few_items_or_long_clauses():
    assert find_deviation(["办文更规范", "办会更高效", "办理重大事项工作更顺畅"]) is None
    long = "这是一个很长的句子并不是并列的小标题而是正文中的完整陈述内容"
    assert find_deviation([long, long + "一", long + "二", "短句更好"]) is None


def test_one_prefix_slot_is_no_rhythm():
    heads = ["关于文件办理", "关于会议组织", "关于督查督办", "关于人民群众来信来访办理情况"]
    assert find_deviation(heads) is None


def test_one_long_slot_near_miss_is_a_break():
    heads = ["调研服务精准化", "督查落实常态化", "会务服务规范化", "后勤保障工作精细化"]
    dev = find_deviation(heads)
    assert dev is not None and dev.index == 3 and dev.frame.pattern == "[6]化"
    assert find_deviation(["党建工作", "业务工作", "后勤工作", "安全生产工作"]) is None


def test_quotation_and_title_marks_are_no_slot_characters():
    heads = ["参谋辅政更到位", "“清单管理”更规范", "综合协调更高效", "服务保障更精细"]
    assert find_deviation(heads) is None  # “清单管理” fills [4] as 参谋辅政 does
    frame = induce(heads)
    assert frame is not None and frame.rigid and frame.pattern == "[4]更[2]"
    heads = ["《条例》学习更深入", "督查落实更有力", "综合协调更高效", "服务保障更精细"]
    assert find_deviation(heads) is None
    # a real break is still found when a quoted item is among the conforming ones
    heads = ["“一网通办”更便捷", "督查落实更有力", "综合协调更高效", "行业稳定工作更扎实"]
    dev = find_deviation(["参谋辅政更到位"] + heads)
    assert dev is not None and dev.index == 4 and dev.how == "length"


def test_quoted_name_misfitting_a_slot_breaks_no_rhythm():
    heads = ["抓好信息调研", "抓好督促检查", "抓好协调工作", "抓好“三办”", "抓好信访工作"]
    assert find_deviation(heads) is None
    heads = ["抓好信息调研", "抓好督促检查", "抓好协调工作", "抓好办文办会", "抓好信访"]
    dev = find_deviation(heads)
    assert dev is not None and dev.index == 4


def test_only_fixed_length_frames_judge_length():
    # slots of 2 to 4 characters: a frame, but not a rigid one; a 6-character slot is no "length" break
    heads = ["聚焦主责抓落实", "聚焦基层服务抓落实", "聚焦队伍抓落实", "聚焦重点难点任务抓落实"]
    dev = find_deviation(heads)
    assert dev is None or dev.how != "length"
