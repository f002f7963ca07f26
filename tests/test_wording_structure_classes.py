"""New instances of the wording and structure classes (的/地/得, doubled characters, ordinals, heading levels,
parallel series, longer idioms), each beside a look-alike that must stay silent.

The sentences are written for these tests in the style of office reports.
"""

from __future__ import annotations

import pytest

from pipeline.lint import lint_text

FIRES = [
    ("RL401", "年内全县重点项目建设有序的推进。"),
    ("RL401", "一批年轻干部在基层快速的成长起来。"),
    ("RL401", "各项惠民资金及时足额的发放到位。"),
    ("RL401", "要一步一个脚印的把整改任务落实到位。"),
    ("RL401", "对群众反映的问题认真的把原因梳理清楚。"),
    ("RL405", "机关上下形成了浓厚地学习氛围。"),
    ("RL405", "在防汛工作中发挥了积极地带头作用。"),
    ("RL403", "推动全区文旅产业进一步步融合发展。"),
    ("RL803", "安全工作要坚持防患于未燃，把隐患消除在萌芽状态。"),
    ("RL803", "全体干部一步一个角印，推动各项任务落地。"),
    ("RL803", "确保各项改革举措尽快落地见笑。"),
    ("RL502", "下步打算：首先，优化审批流程；其次，压缩办理时限；其次，推行帮办代办。"),
    ("RL501", "一、主要工作\n（一）档案接收\n（二）档案利用\n（一）业务指导\n二、下步打算\n（一）新馆建设\n"),
    ("RL504", "一、主要做法\n（一）强化统筹\n（二）多元共治\n一、培育社会组织\n二、引导群众参与\n"
              "二、取得的成效\n三、下步打算\n"),
    ("RL504", "一、主要工作\n1. 文稿起草\n（一）综合文稿\n（二）领导讲话\n2. 信息报送\n二、下步打算\n（一）深化调研\n"),
    ("RL507", "一、主要做法\n（一）在“准”字上下功夫\n（二）在“细”字上下功夫\n（三）在“实”字上下功夫\n"
              "（四）在“快”上面花了很大的力气\n"),
]

SILENT = [
    "通过积极的财政政策，全年新增就业岗位2300个。",
    "这项成绩得益于各部门积极的配合。",
    "形成了良好的学习氛围，取得了明显的成效。",
    "要积极地营造良好氛围，充分地发挥带头作用。",
    "一步步推进，一个个落实，一批批建成，让三百六十行行行出人才。",
    "对各项任务的进度心中了了分明，的的确确做到了天天抓、常常看。",
    "努力在服务决策上有新作为、有新突破。",
    "鼓励哲学社会科学界建言献策，做到防患于未然。",
    "以抓铁有痕、踏石留印的劲头推动落地见效，做到应保尽保、应助尽助。",
    "首先，优化审批流程；其次，压缩办理时限；再次，推行帮办代办；最后，健全考核办法。",
    "一、主要工作\n（一）档案接收\n（二）档案利用\n二、下步打算\n（一）新馆建设\n（二）数字赋能\n",
    "一、主要做法\n（一）在“准”字上下功夫\n（二）在“细”字上下功夫\n（三）在“实”字上下功夫\n（四）在“快”字上下功夫\n",
]


@pytest.mark.parametrize("code,text", FIRES)
def test_fires(code, text):
    found = [f for f in lint_text(text).findings if f.code == code and f.severity != "info"]
    assert found, f"{code} did not fire on {text!r}"


@pytest.mark.parametrize("text", SILENT)
def test_silent(text):
    watched = ("RL40", "RL50", "RL80")
    found = [f for f in lint_text(text).findings if f.code.startswith(watched) and f.severity != "info"]
    assert not found, [(f.code, text[f.start:f.end], f.message) for f in found]
