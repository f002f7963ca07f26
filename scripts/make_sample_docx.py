"""Write the Word sample ``corpora/samples/court_office_2025.docx`` (body paragraphs and a table).

The draft text is the project's own; it carries a placeholder in a table cell,
an adverbial 的 and a doubled 和, so the .docx reader and the rules are shown
working on Word input. Run: python scripts/make_sample_docx.py [OUT]
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "corpora" / "samples" / "court_office_2025.docx"

TITLE = "区人民法院办公室2025年工作总结"
BEFORE_TABLE = [
    "2025年，院办公室在院党组的领导下，围绕审判执行中心工作，做好文稿起草、督查督办、综合协调和后勤保障等工作。",
    "一、主要工作",
    "（一）文稿起草。全年起草院党组会议、审判委员会会议材料及各类报告73份，编发《法院工作简报》30期。",
    "（二）督查督办。对院党组确定的重点工作建立督办台账，每月通报进展，积极的推进各项任务落地见效。",
    "（三）综合协调。协调立案、审判、执行部门和和司法警察大队做好集中执行行动的保障工作。",
    "（四）后勤保障。完成审判法庭智能化改造，保障各类会议和庭审活动安全有序。",
    "主要数据如下表：",
]
TABLE = [
    ("项目", "2025年", "备注"),
    ("起草文稿", "73份", "含会议材料"),
    ("编发简报", "30期", ""),
    ("督办事项", "X件", "待统计科核实"),
]
AFTER_TABLE = [
    "二、2026年工作打算",
    "（一）提高文稿起草质量。",
    "（二）完善督查督办机制。",
    "（三）加强综合协调能力。",
    "（四）提升后勤保障水平。",
]


def build(out: Path = OUT) -> Path:
    import docx

    document = docx.Document()
    document.add_paragraph(TITLE)
    for text in BEFORE_TABLE:
        document.add_paragraph(text)
    table = document.add_table(rows=len(TABLE), cols=len(TABLE[0]))
    for r, row in enumerate(TABLE):
        for c, cell in enumerate(row):
            table.cell(r, c).text = cell
    for text in AFTER_TABLE:
        document.add_paragraph(text)
    out.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(out))
    return out


if __name__ == "__main__":
    print(build(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT))
