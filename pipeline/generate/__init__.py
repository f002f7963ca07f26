"""Generation: plan items for uncovered dimensions and rewrites of items that break a series.

``template``/``generator`` need only jieba and numpy; ``lm`` (torch; transformers only for training)
is imported only by ``report-lint suggest`` when the shipped model is present.
"""
