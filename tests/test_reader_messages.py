"""The plain reader and the archive's worker give one set of messages for the same bad input.

(The plain reader also converts .doc/.wps through LibreOffice; the archive does not, so those differ.)
"""

from __future__ import annotations

import pytest

from pipeline.archive.worker import document_from_bytes
from pipeline.errors import InputError
from pipeline.reader import read_bytes

BAD = [
    ("empty.txt", b"", {}),
    ("big.txt", "全年工作".encode() * 100, {"max_bytes": 64}),
    ("old.et", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64, {}),
    ("sheet.xlsx", b"PK\x03\x04" + b"\0" * 64, {}),
]


@pytest.mark.parametrize("name,data,kw", BAD, ids=[b[0] for b in BAD])
def test_same_message_from_both_readers(name: str, data: bytes, kw: dict) -> None:
    with pytest.raises(InputError) as plain:
        read_bytes(data, name, **kw)
    with pytest.raises(InputError) as archive:
        document_from_bytes(name, data, **kw)
    assert str(plain.value) == str(archive.value)
