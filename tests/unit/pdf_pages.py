"""Just enough PDF reading for tests: the pages of a matplotlib-written PDF and what each draws."""
from __future__ import annotations

import re
import zlib
from pathlib import Path

_PAGE = re.compile(rb"<<\s*/Type\s*/Page\b(.*?)>>", re.S)
_CONTENTS = re.compile(rb"/Contents\s+(\d+)\s+0\s+R")


def _object(data: bytes, number: int) -> bytes:
    m = re.search(rb"(?:^|\n)%d 0 obj\s*(.*?)endobj" % number, data, re.S)
    assert m, f"object {number} not found"
    return m.group(1)


def _stream(obj: bytes) -> bytes:
    start = obj.index(b"stream") + len(b"stream")
    body = obj[start:].lstrip(b"\r\n")
    body = body[: body.rindex(b"endstream")]
    return zlib.decompress(body) if b"/FlateDecode" in obj[:start] else body


def page_contents(path: str | Path) -> list[bytes]:
    """The decompressed content stream of every page, in order."""
    data = Path(path).read_bytes()
    return [_stream(_object(data, int(_CONTENTS.search(m.group(1)).group(1)))) for m in _PAGE.finditer(data)]


def drawing_ops(content: bytes) -> int:
    """Path-painting operations (fills and strokes) on a page: bars, lines, areas."""
    return len(re.findall(rb"(?m)\s(?:f|S|B|f\*|b)\s*$", content))
