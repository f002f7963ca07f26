"""The work-dimension taxonomy: built-in ``corpora/dimensions.yml`` or the user's own file.

A user names their file with ``[report-lint] dimensions = …`` (``Options.dimensions``).
The keys become the labels the stage assigns; ``short2``/``short4`` are the names used
in tables, messages and generated text; ``cues`` let a dimension the shipped model was
not trained on still be recognised from its heading.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from pipeline.resources import corpora_dir


class TaxonomyError(ValueError):
    """The taxonomy file is missing or malformed (message in Chinese and English)."""


@dataclass(frozen=True)
class Dimension:
    name: str
    short2: str
    short4: str
    definition: str = ""
    subtopics: tuple[str, ...] = ()
    cues: tuple[str, ...] = ()
    approaches: tuple[str, ...] = ()  # how the work is done (围绕中心, 跟踪问效): plan headings


@dataclass(frozen=True)
class Taxonomy:
    dimensions: tuple[Dimension, ...]
    fallback: str
    path: str = ""
    by_name: dict[str, Dimension] = field(default_factory=dict, compare=False, hash=False)

    @property
    def names(self) -> list[str]:
        """Labels in display order, the fallback last."""
        return [d.name for d in self.dimensions]

    @property
    def work_names(self) -> list[str]:
        """The real dimensions (everything but the fallback)."""
        return [d.name for d in self.dimensions if d.name != self.fallback]

    def short4(self, name: str) -> str:
        d = self.by_name.get(name)
        return d.short4 if d else name

    def short2(self, name: str) -> str:
        d = self.by_name.get(name)
        return d.short2 if d else name[:2]


def default_path() -> Path:
    return corpora_dir() / "dimensions.yml"


def load_taxonomy(path: str | Path | None = None) -> Taxonomy:
    """The taxonomy at ``path`` (the built-in one when None)."""
    return _load(str(Path(path).resolve()) if path else str(default_path()))


@lru_cache(maxsize=8)
def _load(path: str) -> Taxonomy:
    import yaml

    try:
        raw = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise TaxonomyError(f"找不到工作维度文件 / dimensions file not found: {path}") from exc
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise TaxonomyError(f"工作维度文件格式错误 / cannot parse dimensions file {path}: {exc}") from exc
    if not isinstance(raw, dict) or not isinstance(raw.get("dimensions"), dict) or not raw["dimensions"]:
        raise TaxonomyError(f"工作维度文件缺少 dimensions 映射 / no `dimensions` mapping in {path}")
    entries: dict = raw["dimensions"]
    fallback = str(raw.get("fallback") or "其他")
    order = [str(n) for n in raw.get("order") or entries]
    order += [str(n) for n in entries if str(n) not in order]
    dims: list[Dimension] = []
    for name in order:
        spec = entries.get(name) or {}
        if not isinstance(spec, dict):
            raise TaxonomyError(f"维度“{name}”的定义应为映射 / dimension {name!r} must be a mapping in {path}")
        dims.append(Dimension(
            name=name,
            short2=str(spec.get("short2") or name[:2]),
            short4=str(spec.get("short4") or name),
            definition=str(spec.get("definition") or ""),
            subtopics=tuple(str(s) for s in spec.get("subtopics") or ()),
            cues=tuple(str(s) for s in spec.get("cues") or ()),
            approaches=tuple(str(s) for s in spec.get("approaches") or ()),
        ))
    if fallback not in {d.name for d in dims}:
        dims.append(Dimension(fallback, fallback[:2], fallback))
    dims.sort(key=lambda d: d.name == fallback)  # fallback last, order otherwise kept
    return Taxonomy(tuple(dims), fallback, path, {d.name: d for d in dims})
