"""Numeric claims: the ledger of every number a report asserts (stage ``claims``) and its arithmetic.

``extract`` builds ``Claim`` records (``model``) from numerals (``numerals``), drops what is
not a claim (``notclaims``) and reads metric, period and frame (``context``); ``checks``
holds the arithmetic the RL3xx rules in ``pipeline.rules.numbers`` use; ``cli`` prints the
ledger (``report-lint claims FILE``).
"""
