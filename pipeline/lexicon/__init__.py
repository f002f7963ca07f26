"""Wrong characters and set expressions (错别字、固定搭配、规范用词).

``pairs`` reads the wrong → right tables (tab-separated files in ``data/`` and
any the user names), ``matcher`` finds all of them in one pass, ``idioms``
looks for four-character runs one sound-alike or look-alike character away
from a dictionary idiom, ``context`` (opt-in, ``--deep``) scores single
characters against their confusable ones with a character n-gram model.
Nothing here is imported by a lint that does not select RL8.
"""
