"""The LanguageTool HTTP API shape (``/v2/check``, ``/v2/languages``) over report-lint's findings.

Editors and libraries that already speak to a LanguageTool server (LibreOffice's
remote checker, browser extensions, ``language_tool_python``) can point at
``report-lint serve`` unchanged. Offsets and lengths count UTF-16 code units, as
LanguageTool (Java) does; ``data`` (annotated text: text and markup parts) is
checked as its text with each markup read as its ``interpretAs``, and offsets
point into the original text including the markup, as LanguageTool's do.
"""

from __future__ import annotations

import bisect
import json
from dataclasses import dataclass

from pipeline import __version__
from pipeline.config import split_list
from pipeline.document import Document, Finding
from pipeline.rules.base import FAMILIES
from pipeline.serve.offsets import Utf16Offsets, utf16_len

LANGUAGE = {"name": "Chinese", "code": "zh", "longCode": "zh-CN"}
ACCEPTED_LANGUAGES = {"zh", "zh-cn", "zh-hans", "zh-hans-cn", "auto"}
CONTEXT_CHARS = 40  # characters either side of a match in ``context``, as LanguageTool shows

# LanguageTool's issue types (ITS 2.0 names); clients colour misspellings apart from the rest.
ISSUE_TYPES = {
    "RL1": "omission",  # a placeholder: content not filled in yet
    "RL2": "typographical",
    "RL3": "inconsistency",
    "RL4": "grammar",
    "RL5": "style",
    "RL6": "omission",
    "RL7": "inconsistency",
}
TYPE_NAMES = {"info": "Hint", "warning": "Other", "error": "Other"}


class ApiError(Exception):
    """A request that cannot be answered; the message goes back with a 400, as LanguageTool's do."""


def languages() -> list[dict[str, str]]:
    return [dict(LANGUAGE)]


def software() -> dict:
    return {"name": "report-lint", "version": __version__, "buildDate": "", "apiVersion": 1,
            "premium": False, "premiumHint": "", "status": ""}


def check_language(value: str | None) -> str:
    if not value:
        raise ApiError("缺少 language 参数（可用 zh-CN 或 auto） / missing parameter 'language'")
    if value.strip().lower() not in ACCEPTED_LANGUAGES:
        raise ApiError(f"report-lint 只检查中文材料，language 应为 zh-CN 或 auto，收到“{value}”"
                       f" / only zh-CN is supported: {value}")
    return value


@dataclass
class Source:
    """The text to check and, for annotated ``data``, where each of its characters stood originally."""

    text: str
    original: str
    _plain_starts: list[int]
    _orig_starts: list[int]
    _is_text: list[bool]

    @classmethod
    def plain(cls, text: str) -> Source:
        return cls(text, text, [0], [0], [True])

    def to_original(self, offset: int) -> int:
        """Offset in the checked text → offset in the original (markup included)."""
        i = max(0, bisect.bisect_right(self._plain_starts, offset) - 1)
        if not self._is_text[i]:
            return self._orig_starts[i]
        return self._orig_starts[i] + offset - self._plain_starts[i]


def source_from_form(text: str | None, data: str | None) -> Source:
    if text is not None and data is not None:
        raise ApiError("text 与 data 只能给一个 / give either 'text' or 'data', not both")
    if text is not None:
        return Source.plain(text)
    if data is None:
        raise ApiError("缺少 text 或 data 参数 / missing parameter 'text' or 'data'")
    try:
        parsed = json.loads(data)
        parts = parsed["annotation"]
        if not isinstance(parts, list):
            raise TypeError
    except (ValueError, KeyError, TypeError) as exc:
        raise ApiError("data 不是合法的 JSON 标注文本（应为 {\"annotation\": [...]}）"
                       " / 'data' is not valid annotated-text JSON") from exc
    plain: list[str] = []
    original: list[str] = []
    plain_starts, orig_starts, is_text = [], [], []
    p = o = 0
    for part in parts:
        if not isinstance(part, dict) or not ({"text", "markup"} & part.keys()):
            raise ApiError("data 的每一项须含 text 或 markup / each 'annotation' item needs 'text' or 'markup'")
        if "text" in part:
            seen = str(part["text"])
            raw = seen
        else:
            raw = str(part["markup"])
            seen = str(part.get("interpretAs", ""))
        plain_starts.append(p)
        orig_starts.append(o)
        is_text.append("text" in part)
        plain.append(seen)
        original.append(raw)
        p += len(seen)
        o += len(raw)
    return Source("".join(plain), "".join(original), plain_starts or [0], orig_starts or [0], is_text or [True])


def rule_options(base_select: list[str], base_ignore: list[str], form) -> tuple[list[str], list[str]]:
    """LanguageTool's ``enabledRules``/``disabledRules``/``enabledOnly`` as select and ignore lists.

    Rule ids that are not report-lint codes (another checker's ids a client keeps
    in its settings) are left out rather than refused.
    """
    def codes(key: str) -> list[str]:
        return [c for c in split_list(form.get(key)) if c.startswith("RL")]

    enabled, disabled = codes("enabledRules"), codes("disabledRules")
    only = str(form.get("enabledOnly", "")).lower() == "true"
    if only:
        if not enabled:
            raise ApiError("enabledOnly=true 时须给出 enabledRules / enabledOnly=true needs enabledRules")
        return enabled, disabled
    select = list(base_select) + [c for c in enabled if c not in base_select]
    return select, list(base_ignore) + disabled


def detected_language(text: str) -> dict:
    letters = [ch for ch in text[:4000] if ch.isalpha()]
    han = sum(1 for ch in letters if "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf")
    confidence = round(han / len(letters), 4) if letters else 0.0
    return {"name": LANGUAGE["name"], "code": LANGUAGE["longCode"], "confidence": confidence}


def check_response(doc: Document, source: Source, summaries: dict[str, str]) -> dict:
    """The whole ``/v2/check`` answer for a linted document."""
    to16 = Utf16Offsets(source.original)
    plain16 = Utf16Offsets(doc.text)
    starts = [s.start for s in doc.sentences]
    matches = [match(doc, f, source, to16, plain16, starts, summaries) for f in doc.findings]
    ranges = [[to16(source.to_original(s.start)), to16(source.to_original(s.end))] for s in doc.sentences]
    return {
        "software": software(),
        "warnings": {"incompleteResults": False},
        "language": {"name": LANGUAGE["name"], "code": LANGUAGE["longCode"],
                     "detectedLanguage": detected_language(doc.text)},
        "matches": matches,
        "sentenceRanges": ranges,
    }


def match(doc: Document, f: Finding, source: Source, to16: Utf16Offsets, plain16: Utf16Offsets,
          sentence_starts: list[int], summaries: dict[str, str]) -> dict:
    text = doc.text
    start = to16(source.to_original(f.start))
    end = to16(source.to_original(f.end))
    lo, hi = max(0, f.start - CONTEXT_CHARS), min(len(text), f.end + CONTEXT_CHARS)
    head = ("..." if lo > 0 else "") + text[lo:f.start]
    context = head + text[f.start:hi] + ("..." if hi < len(text) else "")
    family = f.code[:3]
    return {
        "message": f.message if not f.suggestion else f"{f.message}（建议：{f.suggestion}）",
        "shortMessage": short_message(f.message, family),
        "replacements": [{"value": f.replacement}] if f.replacement is not None else [],
        "offset": start,
        "length": end - start,
        "context": {"text": context.replace("\n", " "), "offset": utf16_len(head),
                    "length": plain16.length(f.start, f.end)},
        "sentence": sentence_of(doc, f.start, sentence_starts),
        "type": {"typeName": TYPE_NAMES.get(f.severity, "Other")},
        "rule": {
            "id": f.code,
            "description": summaries.get(f.code) or f.rule,
            "issueType": ISSUE_TYPES.get(family, "uncategorized"),
            "category": {"id": f"{family}XX", "name": family_name(family)},
        },
        "ignoreForIncompleteSentence": False,
        "contextForSureMatch": 0,
    }


def family_name(family: str) -> str:
    return FAMILIES.get(family, family).split(" (")[0]


def short_message(message: str, family: str) -> str:
    """The head of the message (数字未填写：…) where it has a short one, else the family's name."""
    head = message.split("：", 1)[0]
    return head if "：" in message and len(head) <= 12 else family_name(family)


def sentence_of(doc: Document, offset: int, starts: list[int]) -> str:
    i = bisect.bisect_right(starts, offset) - 1
    if i >= 0 and offset < doc.sentences[i].end:
        s = doc.sentences[i]
        return doc.text[s.start:s.end].strip()
    line, _ = doc.line_col(offset)
    return doc.line_text(line).strip()
