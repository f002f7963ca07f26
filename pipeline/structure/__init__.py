"""Report structure: labels, outline tree, sections, series frames, count claims (stage ``outline``)."""
