"""Articles from WARC files (.warc, .warc.gz), as CommonCrawl's CC-NEWS publishes them.

Each `response` record whose HTTP payload is HTML becomes one article, extracted by the
same HTML reader as a single page (`selon.readers.parse_html`). A corrupt record is reported
by file, offset and record id, and reading goes on at the next record that can be found.
"""

from __future__ import annotations

import zlib
from pathlib import Path
from typing import BinaryIO, Iterator

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from .errors import SelonError
from .model import Article
from .readers import decode, parse_html

WARC_SUFFIXES = (".warc", ".warc.gz")
HTML_TYPES = ("text/html", "application/xhtml+xml")
_GZIP_MAGIC = b"\x1f\x8b\x08"
_WARC_MAGIC = b"WARC/1."
_SCAN_CHUNK = 1 << 20
# Errors warcio and zlib raise on a damaged record or gzip member.
_CORRUPT = (ArchiveLoadFailed, zlib.error, EOFError, ValueError, OSError, KeyError, IndexError)


def is_warc(path: str | Path) -> bool:
    return str(path).lower().endswith(WARC_SUFFIXES)


def record_name(path: str | Path, offset: int) -> str:
    return f"{path}@{offset}"


def read_warc(path: str | Path) -> Iterator[tuple[str, Article | SelonError]]:
    """(name, Article | SelonError) for each HTML response record; name is `path@offset`."""
    path = Path(path)
    try:
        handle = path.open("rb")
    except OSError as exc:
        yield str(path), SelonError(str(path), f"cannot read: {exc.strerror or exc.__class__.__name__}")
        return
    with handle:
        gzipped = handle.read(3) == _GZIP_MAGIC
        if not _starts_as_warc(handle, gzipped):
            yield str(path), SelonError(str(path), "not a WARC file (it does not start with a WARC/1.x record)")
            return
        position, any_record = 0, False
        while position is not None:
            handle.seek(position)
            records = ArchiveIterator(handle)
            current = position
            try:
                for record in records:
                    current = records.offset
                    any_record = True
                    if record.rec_type != "response":
                        continue
                    item = _article(record, record_name(path, current))
                    if item is not None:
                        yield item
                position = None
            except _CORRUPT as exc:
                # Past where this pass started, so that every retry moves forward.
                current = max(records.offset, current, position)
                rid = _record_id(handle, current)
                where = record_name(path, current)
                yield where, SelonError(where, f"corrupt WARC record{rid}: {_reason(exc)}; skipped")
                position = _next_record(handle, current + 1, gzipped)
        if not any_record:
            yield str(path), SelonError(str(path), "no WARC record found (not a WARC file?)")


def _article(record, name: str) -> tuple[str, Article | SelonError] | None:
    http = record.http_headers
    content_type = (http.get_header("Content-Type") or "").lower() if http else ""
    if not any(t in content_type for t in HTML_TYPES):
        return None
    status = http.get_statuscode() if http else None
    if status and not str(status).startswith("2"):
        return None
    url = record.rec_headers.get_header("WARC-Target-URI")
    crawled = (record.rec_headers.get_header("WARC-Date") or "")[:10] or None
    payload = record.content_stream().read()
    try:
        article = parse_html(name, decode(name, payload))
    except SelonError as err:
        return name, err
    return name, article.model_copy(update={
        "id": article.id or url,
        "url": article.url or url,
        # The crawl date stands in when the page states no publication date.
        "published": article.published or crawled,
    })


def _starts_as_warc(handle: BinaryIO, gzipped: bool) -> bool:
    handle.seek(0)
    head = handle.read(4096)
    if gzipped:
        try:
            head = zlib.decompressobj(31).decompress(head, 64)
        except zlib.error:
            return False
    return head.lstrip(b"\r\n").startswith(_WARC_MAGIC)


def _reason(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    # warcio quotes the damaged bytes after a colon: binary noise says nothing to a reader.
    if any(not ch.isprintable() for ch in text):
        text = text.rsplit(":", 1)[0] + ": binary data"
    if len(text) > 80:
        text = text[:77] + "..."
    return f"{exc.__class__.__name__}{': ' + text if text else ''}"


def _record_id(handle: BinaryIO, offset: int) -> str:
    """The WARC-Record-ID of the record at `offset`, when its header can still be read."""
    try:
        handle.seek(offset)
        head = handle.read(4096)
        if head.startswith(_GZIP_MAGIC):
            head = zlib.decompressobj(31).decompress(head, 4096)
        for line in head.split(b"\n"):
            if line.lower().startswith(b"warc-record-id:"):
                return " " + line.split(b":", 1)[1].strip().decode("ascii", "replace")
    except (OSError, zlib.error):
        pass
    return ""


def _next_record(handle: BinaryIO, start: int, gzipped: bool) -> int | None:
    """Offset of the next record start after `start`: a gzip member or a `WARC/1.` line."""
    magic = _GZIP_MAGIC if gzipped else _WARC_MAGIC
    handle.seek(start)
    base, tail = start, b""
    while chunk := handle.read(_SCAN_CHUNK):
        data = tail + chunk
        i = data.find(magic)
        while i >= 0:
            at = base - len(tail) + i
            if gzipped or at == 0 or data[i - 1:i] == b"\n":
                return at
            i = data.find(magic, i + 1)
        tail = data[-(len(magic) - 1):]
        base += len(chunk)
    return None
