"""User word lists in force: setup.cfg's ``units`` and ``approx-markers`` files on top of the shipped lists.

The lists are read once per set of files; modules that compile patterns from them register a
``rebuild`` with ``on_change`` and are called again when a run names other files (the command line,
the archive worker and the local server all pass their options through ``use_options``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from pipeline.vocab import approx, units

_listeners: list[Callable[[], None]] = []
_applied: tuple[tuple[str, ...], tuple[str, ...]] = ((), ())


def on_change(rebuild: Callable[[], None]) -> Callable[[], None]:
    """Register ``rebuild``: it is called whenever user files change the lists (it compiles the
    patterns its module builds from them). Returns ``rebuild``, so a module can decorate it."""
    _listeners.append(rebuild)
    return rebuild


def use(units_files: Iterable[str] = (), approx_files: Iterable[str] = ()) -> None:
    """Make the lists the defaults plus these user files (a no-op when they are already in use)."""
    global _applied
    key = (tuple(units_files), tuple(approx_files))
    if key == _applied:
        return
    markers = approx.read(key[1])  # every file is read before anything changes
    table = units.read(key[0])
    approx.install(markers)
    units.install(table)
    _applied = key
    for rebuild in _listeners:
        rebuild()


def use_options(options) -> None:
    """``use`` with the files an ``Options`` names (none for a caller without options)."""
    use(getattr(options, "units", None) or (), getattr(options, "approx_markers", None) or ())
