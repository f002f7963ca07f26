"""Rule families. Importing this package registers every rule."""

from __future__ import annotations

import importlib

# One module per family; codes by hundreds (see base.FAMILIES).
RULE_MODULES = (
    "pipeline.rules.placeholders",  # RL1xx
    "pipeline.rules.punctuation",  # RL2xx
    "pipeline.rules.numbers",  # RL3xx
    "pipeline.rules.wording",  # RL4xx
    "pipeline.rules.structure",  # RL5xx
    "pipeline.rules.dimensions",  # RL6xx
    "pipeline.rules.lexicon",  # RL8xx
    "pipeline.archive.crossdoc",  # RL7xx, scope "archive": run by report-lint batch over an archive
)


def load_all():
    from pipeline.rules.base import REGISTRY

    for name in RULE_MODULES:
        importlib.import_module(name)
    return REGISTRY
