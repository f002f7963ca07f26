"""``report-lint serve``: a local page for office staff and a LanguageTool-compatible ``/v2/check``.

Needs the ``serve`` extra (Starlette, uvicorn, python-multipart); nothing here is
imported by a plain lint.
"""
