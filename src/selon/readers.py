"""Reading articles from files, folders, stdin or uploaded bytes.

Every reader yields `(name, Article | SelonError)` pairs: a bad input becomes one error
naming it (a file, or `file.jsonl:3` for a line) and never stops the inputs after it.
Names: `path` for a one-article file, `path:N` for line N of a `.jsonl`, `path[N]` for
item N (1-based) of a `.json` list, `<stdin>` for standard input.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any, Iterable, Iterator

from pydantic import ValidationError

from .errors import SelonError
from .model import Article

MAX_BYTES = 5 * 1024 * 1024
SUFFIXES: tuple[str, ...] = (".txt", ".html", ".htm", ".json", ".jsonl")
KINDS = ("txt", "html", "json", "jsonl")
STDIN = "-"

# Under this many words no line of an HTML extraction reads like a paragraph: menus,
# buttons and footers only.
MIN_PARAGRAPH_WORDS = 8
# Share of control characters above which decoded bytes are binary, not text.
MAX_CONTROL_SHARE = 0.02
# How much less coherent than charset-normalizer's best guess windows-1252 may be and still win.
LEGACY_DEFAULT_MARGIN = 0.1

Result = tuple[str, "Article | SelonError"]


# --- finding inputs -------------------------------------------------------------------------

def find_inputs(paths: Iterable[str | Path], suffixes: tuple[str, ...] = SUFFIXES) -> Iterator[Path]:
    """Files to read: each file given as is, and under each folder (recursively, sorted) the
    files whose name ends with one of `suffixes`. Hidden files and folders are skipped.
    A path that does not exist is yielded as is, so that its reader reports it."""
    for raw in paths:
        path = Path(raw)
        if not path.is_dir():
            yield path
            continue
        for found in sorted(path.rglob("*")):
            rel = found.relative_to(path).parts
            if any(part.startswith(".") for part in rel):
                continue
            if found.is_file() and found.name.lower().endswith(suffixes):
                yield found


def kind_of(name: str) -> str | None:
    """The reader kind for a file name, from its suffix; None when the suffix is unknown."""
    lower = name.lower()
    if lower.endswith((".html", ".htm")):
        return "html"
    for kind in ("jsonl", "json", "txt"):
        if lower.endswith(f".{kind}"):
            return kind
    return None


# --- reading --------------------------------------------------------------------------------

def read_path(path: str | Path, no_title: bool = False) -> Iterator[Result]:
    """Articles of one path: a file, a folder (every known file under it) or "-" for stdin."""
    if str(path) == STDIN:
        data = sys.stdin.buffer.read()
        yield from read_bytes("<stdin>", data, "auto", no_title=no_title)
        return
    path = Path(path)
    if path.is_dir():
        files = list(find_inputs([path]))
        if not files:
            yield str(path), SelonError(str(path), f"folder has no {'/'.join(SUFFIXES)} file")
        for file in files:
            yield from read_path(file, no_title=no_title)
        return
    name = str(path)
    kind = kind_of(path.name) or ("auto" if not path.suffix else None)
    if kind is None:
        yield name, SelonError(name, f"unsupported file type {path.suffix!r} "
                                     f"(known: {', '.join(SUFFIXES)})")
        return
    try:
        size = path.stat().st_size
        if kind == "jsonl":
            # A batch: read line by line, the size limit applies to each article.
            with path.open("rb") as handle:
                yield from _read_jsonl_lines(name, handle)
            return
        if size > MAX_BYTES:
            yield name, _too_large(name)
            return
        data = path.read_bytes()
    except FileNotFoundError:
        yield name, SelonError(name, "no such file")
        return
    except OSError as exc:
        yield name, SelonError(name, f"cannot read: {exc.strerror or exc.__class__.__name__}")
        return
    yield from read_bytes(name, data, kind, no_title=no_title)


def read_bytes(name: str, data: bytes, kind: str, no_title: bool = False) -> Iterator[Result]:
    """Articles in `data` read as `kind` ("txt", "html", "json", "jsonl", or "auto" to sniff).

    `kind` may also be a file suffix such as ".html". Used for files, stdin and uploads.
    """
    kind = kind.lower().lstrip(".")
    kind = "html" if kind == "htm" else kind
    if kind not in KINDS and kind != "auto":
        yield name, SelonError(name, f"unsupported input kind {kind!r} (known: {', '.join(KINDS)})")
        return
    if kind == "jsonl" or (kind == "auto" and _looks_like_jsonl(data)):
        yield from _read_jsonl_lines(name, data.splitlines())
        return
    if len(data) > MAX_BYTES:
        yield name, _too_large(name)
        return
    try:
        text = decode(name, data)
    except SelonError as err:
        yield name, err
        return
    if kind == "auto":
        kind = sniff(text)
    if kind == "txt":
        yield name, _catch(name, lambda: parse_text(name, text, no_title))
    elif kind == "html":
        yield name, _catch(name, lambda: parse_html(name, text, no_title))
    elif kind == "json":
        yield from _read_json(name, text)
    else:  # sniffed as JSON Lines only after decoding (e.g. UTF-16 on stdin)
        yield from _read_jsonl_lines(name, text.encode("utf-8").splitlines())


def _looks_like_jsonl(data: bytes) -> bool:
    """Two or more lines, the first a complete JSON object: a batch (read line by line, so
    that the size limit applies to each article rather than to the whole stream)."""
    lines = [line for line in data.lstrip()[:MAX_BYTES].splitlines()[:2] if line.strip()]
    if len(lines) < 2 or not all(line.lstrip().startswith(b"{") for line in lines):
        return False
    try:
        return isinstance(json.loads(lines[0]), dict)
    except (json.JSONDecodeError, UnicodeDecodeError):
        return False


def _too_large(name: str) -> SelonError:
    return SelonError(name, f"input is over {MAX_BYTES // (1024 * 1024)} MB")


def _catch(name: str, make) -> Article | SelonError:
    try:
        return make()
    except SelonError as err:
        return err


# --- bytes to text --------------------------------------------------------------------------

_BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
         (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f\ufffd]")


def decode(name: str, data: bytes) -> str:
    """Text of `data`: UTF-8 (or the encoding its BOM names) first, else the encoding
    charset-normalizer finds. Raises SelonError for empty input, binary data and bytes no
    encoding explains."""
    if not data.strip():
        raise SelonError(name, "empty input")
    text = None
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                raise SelonError(name, f"not valid {encoding} text despite its byte-order mark") from None
            break
    if text is None:
        if b"\x00" in data[:65536]:
            raise SelonError(name, "binary data, not text")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = _guess_decode(name, data)
    text = text.lstrip("\ufeff")
    sample = text[:65536]
    if sample and len(_CONTROL.findall(sample)) / len(sample) > MAX_CONTROL_SHARE:
        raise SelonError(name, "binary data, not text")
    if not text.strip():
        raise SelonError(name, "empty input")
    return text


def _guess_decode(name: str, data: bytes) -> str:
    from charset_normalizer import from_bytes

    matches = from_bytes(data)
    best = matches.best()
    if best is None:
        raise SelonError(name, "not text: no character encoding fits these bytes")
    # On short texts several single-byte code pages fit about equally well ("à" is "ŕ" in
    # cp1250); windows-1252, the web's legacy default (WHATWG), wins such near-ties.
    for match in matches:
        if ("cp1252" in match.could_be_from_charset and match.chaos <= best.chaos
                and match.coherence >= best.coherence - LEGACY_DEFAULT_MARGIN):
            return str(match)
    return str(best)


def sniff(text: str) -> str:
    """The kind of a text whose name says nothing: json, jsonl, html or txt."""
    head = text.lstrip()
    if head[:1] in "{[":
        try:
            json.loads(text)
            return "json"
        except json.JSONDecodeError:
            lines = [line for line in text.splitlines() if line.strip()]
            return "jsonl" if all(line.lstrip().startswith("{") for line in lines) else "json"
    if re.match(r"<(!doctype\s+html|html|head|body|article|p|div)\b", head[:200], re.IGNORECASE):
        return "html"
    return "txt"


# --- one format each ------------------------------------------------------------------------

def parse_text(name: str, text: str, no_title: bool = False) -> Article:
    """Plain text: the first line is the title when a body follows it (and `no_title` is off).

    Line endings become "\\n" so that offsets are the same on every platform.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise SelonError(name, "empty input")
    lines = text.strip("\n").split("\n")
    title = None
    if not no_title and len(lines) > 1 and lines[0].strip() and "\n".join(lines[1:]).strip():
        title = lines[0].strip()
        lines = lines[1:]
    body = "\n".join(lines).strip()
    return Article(title=title, text=body)


def parse_html(name: str, html: str, no_title: bool = False) -> Article:
    """A web page: title, outlet (site name), date and body, extracted by trafilatura."""
    import trafilatura

    # Dates only from the page's metadata: trafilatura's extensive search would take a date
    # mentioned in the body ("le 3 mars 2023") for the publication date.
    try:
        doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, include_tables=False,
                                          date_extraction_params={"extensive_search": False, "original_date": True})
    except Exception as exc:  # noqa: BLE001 - a third-party parser failing on this page is a bad input
        raise SelonError(name, f"HTML could not be parsed ({exc.__class__.__name__})") from None
    body = (doc.text if doc is not None else None) or ""
    lines = [re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in body.split("\n")]
    lines = [line for line in lines if line]
    title = ((doc.title or "").strip() or None) if doc is not None else None
    # trafilatura keeps the page's <h1> as the first body line when it repeats the title.
    if title and lines and lines[0].casefold() == title.casefold():
        lines = lines[1:]
    if not any(len(line.split()) >= MIN_PARAGRAPH_WORDS for line in lines):
        raise SelonError(name, "HTML page has no article body (no paragraph of text found)")
    return Article(
        title=None if no_title else title,
        text="\n".join(lines),
        outlet=doc.sitename or None,
        url=doc.url or None,
        published=_iso_date(doc.date),
        language=(doc.language or None),
    )


def _iso_date(value: str | None) -> str | None:
    if value and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value[:10]):
        return value[:10]
    return None


def article_from_object(name: str, obj: Any) -> Article:
    """One article object in the gold shape; its `claims` and `headline` are ignored."""
    if not isinstance(obj, dict):
        raise SelonError(name, f"expected an article object, got {_json_type(obj)}")
    if "text" not in obj:
        raise SelonError(name, "article object has no 'text' field")
    try:
        return Article.model_validate(obj)
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(p) for p in first["loc"]) or "article"
        raise SelonError(name, f"field {field!r}: {first['msg'].lower()}") from None


def _json_problem(exc: json.JSONDecodeError) -> str:
    # json's messages expect a position after them ("Unterminated string starting at").
    return exc.msg.removesuffix(" at").lower()


def _json_type(obj: Any) -> str:
    return {list: "a list", str: "a string", bool: "a boolean", type(None): "null"}.get(
        type(obj), "a number")


def _read_json(name: str, text: str) -> Iterator[Result]:
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as exc:
        yield name, SelonError(name, f"invalid JSON: {_json_problem(exc)} (line {exc.lineno}, column {exc.colno})")
        return
    if isinstance(obj, list):
        if not obj:
            yield name, SelonError(name, "empty list: no article")
        for i, item in enumerate(obj, start=1):
            item_name = f"{name}[{i}]"
            yield item_name, _catch(item_name, lambda: article_from_object(item_name, item))
        return
    yield name, _catch(name, lambda: article_from_object(name, obj))


def _read_jsonl_lines(name: str, lines: Iterable[bytes]) -> Iterator[Result]:
    seen = False
    for number, raw in enumerate(lines, start=1):
        raw = raw.rstrip(b"\r\n")
        if not raw.strip():
            continue
        seen = True
        line_name = f"{name}:{number}"
        if len(raw) > MAX_BYTES:
            yield line_name, _too_large(line_name)
            continue
        try:
            text = decode(line_name, raw)
            obj = json.loads(text)
        except SelonError as err:
            yield line_name, err
            continue
        except json.JSONDecodeError as exc:
            yield line_name, SelonError(line_name, f"invalid JSON: {_json_problem(exc)} (column {exc.colno})")
            continue
        yield line_name, _catch(line_name, lambda: article_from_object(line_name, obj))
    if not seen:
        yield name, SelonError(name, "empty input")
