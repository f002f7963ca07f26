"""The error every reader raises for an input that cannot be checked (shown to the user as is)."""

from __future__ import annotations


class InputError(Exception):
    """A file that cannot be checked; the message is shown to the user as is."""
