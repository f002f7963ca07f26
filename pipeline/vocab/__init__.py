"""The vocabulary of the genre, each fact defined once: Chinese numerals, the ordinal-label grammar,
period words, fillers, units and measure words, approximation markers, change verbs, comparison
frames, display width. The lists a user may extend are data files in ``data/`` (``wordlists.py``
reads them, ``extend.py`` adds setup.cfg's files). Users import from here; these modules import
nothing heavy (``re``, ``pathlib`` and ``unicodedata`` only), so the plain lint's start-up cost is unchanged.
"""
