"""Word round trip: read a .docx as Word shows it, and hand back a copy with comments and tracked fixes.

``layout`` walks the body (paragraphs, tables, text boxes, footnotes) into the
text the stages see, ``numbering`` renders automatic list labels into it,
``annotate`` writes findings back as 批注 and safe fixes as tracked changes,
``convert`` turns .doc/.wps into .docx through LibreOffice when it is there.
"""
