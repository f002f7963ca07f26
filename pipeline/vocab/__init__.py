"""The vocabulary of the genre, each fact defined once: units and measure words, approximation
markers, change verbs, comparison frames, display width. Users import from here; these modules import nothing heavy
(``re`` and ``unicodedata`` only), so the plain lint's start-up cost is unchanged.
"""
