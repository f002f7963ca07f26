"""Comparison frames: the words that say what a figure is compared with (同比, 较上年, 环比).

Source: the wording of the National Bureau of Statistics' bulletins and State Council reports
(同比 = on the same period last year, 环比 = on the previous period). Used by the claim context
(claims/context.py) and the archive's figure reader (archive/metrics.py).
"""

from __future__ import annotations

# Every named frame, longest first within a shared start (较上年同期 before 较上年).
FRAMES = ("同比", "环比", "较上年同期", "较上年", "较去年同期", "较去年", "比上年同期", "比上年", "比去年同期",
          "比去年", "较年初", "与上年相比", "与去年相比")
# The ones that compare with the same period of last year (not 环比, the previous period; not 较年初).
YEAR_ON_YEAR = tuple(f for f in FRAMES if f not in ("环比", "较年初"))
# As a regex: the named frames and a named year (较2020年).
FRAME_RE = "|".join(FRAMES) + r"|较(?:19|20)\d{2}年"
