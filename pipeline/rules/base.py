"""Rule registry: every check is a small function with a stable code.

A rule is declared with ``@rule(code, name, severity, needs=...)`` and yields
``Finding`` objects for one document. Its docstring carries examples:

    Okay: a line that must produce no finding of this rule
    RL101: a line that must produce at least one

In an example ``\\n`` stands for a paragraph break. The test suite runs them all.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from pipeline.document import Finding, FixRequest

SEVERITIES = ("info", "warning", "error")
SEVERITY_RANK = {s: i for i, s in enumerate(SEVERITIES)}
CODE_RE = re.compile(r"^RL\d{3}$")
NAME_RE = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")

# Rule families by hundreds; README lists the same table.
FAMILIES = {
    "RL1": "占位符与草稿残留 (placeholders)",
    "RL2": "标点与全半角 (punctuation, width)",
    "RL3": "数字与数据 (numeric claims)",
    "RL4": "用词与字词 (wording: 的地得, repeats)",
    "RL5": "结构与序号 (structure: ordinals, counts, parallelism)",
    "RL6": "工作维度 (work dimensions, summary↔plan)",
    "RL7": "跨文档 (archive, cross-document)",
    "RL8": "错别字、固定搭配、规范用词 (wrong characters, set expressions, normative usage)",
}


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: str
    summary: str
    needs: tuple[str, ...]
    func: Callable[..., Iterable[Any]]  # (doc) -> findings; an archive rule: (issuer, years, data) -> crosses
    fix: str = "unsafe"  # applicability of this rule's replacements unless a finding says otherwise
    scope: str = "document"  # "document" (one draft) or "archive" (across an issuer's years, report-lint batch)

    @property
    def examples(self) -> list[tuple[str, str]]:
        """(kind, text) pairs from the docstring; kind is "Okay" or the rule's code."""
        out = []
        for line in inspect.getdoc(self.func).splitlines() if self.func.__doc__ else []:
            m = re.match(r"^\s*(Okay|RL\d{3}):\s?(.*)$", line)
            if m:
                out.append((m.group(1), m.group(2).replace("\\n", "\n")))
        return out

    def finding(
        self,
        start: int,
        end: int,
        message: str,
        suggestion: str | None = None,
        replacement: str | None = None,
        severity: str | None = None,
        related: list[int] | None = None,
        applicability: str | None = None,
        request: FixRequest | None = None,
    ) -> Finding:
        return Finding(
            code=self.code,
            rule=self.name,
            severity=severity or self.severity,
            start=start,
            end=end,
            message=message,
            suggestion=suggestion,
            replacement=replacement,
            related=related or [],
            applicability=None if replacement is None else (applicability or self.fix),
            request=request,
        )


REGISTRY: dict[str, Rule] = {}


FIX_APPLICABILITY = ("safe", "unsafe")


SCOPES = ("document", "archive")


def rule(code: str, name: str, severity: str, needs: tuple[str, ...] = ("segment",), fix: str = "unsafe",
         scope: str = "document"):
    """Register a check. ``needs`` names the stages that must have run first; ``fix`` says whether its
    replacements are safe to apply unread (的→地, ％→%) or need review (the default); ``scope`` is
    ``archive`` for the cross-document checks that ``report-lint batch`` runs over an archive."""
    if not CODE_RE.match(code):
        raise ValueError(f"bad rule code {code!r}")
    if not NAME_RE.match(name):
        raise ValueError(f"bad rule name {name!r}")
    if severity not in SEVERITIES:
        raise ValueError(f"bad severity {severity!r}")
    if fix not in FIX_APPLICABILITY:
        raise ValueError(f"bad fix applicability {fix!r}")
    if scope not in SCOPES:
        raise ValueError(f"bad scope {scope!r}")

    def wrap(func: Callable[..., Iterable[Any]]):
        if code in REGISTRY and REGISTRY[code].func.__qualname__ != func.__qualname__:
            raise ValueError(f"rule code {code} registered twice")
        doc = inspect.getdoc(func) or ""
        summary = doc.strip().splitlines()[0] if doc.strip() else name
        r = Rule(code, name, severity, summary, tuple(needs), func, fix, scope)
        REGISTRY[code] = r
        func.rule = r  # type: ignore[attr-defined]
        return func

    return wrap


def this_rule(func: Callable) -> Rule:
    return func.rule  # type: ignore[attr-defined]


def selected(code: str, select: Iterable[str], ignore: Iterable[str]) -> bool:
    """flake8/ruff style: the longest matching prefix wins; ties go to ignore."""
    sel = max((len(p) for p in select if code.startswith(p)), default=-1)
    ign = max((len(p) for p in ignore if code.startswith(p)), default=-1)
    if sel < 0:
        return False
    return sel > ign
