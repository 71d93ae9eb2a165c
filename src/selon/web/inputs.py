"""What the Analyze page receives, as an Article: pasted text, an uploaded file, or a URL.

Files are read by `selon.readers` (the CLI's readers), so an upload gives the same article as
`selon analyze FILE`. URLs are fetched with trafilatura; addresses that are not public
(loopback, private, link-local) are refused unless the server was started to allow them.
"""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit

from ..errors import SelonError
from ..model import Article
from ..readers import kind_of, parse_html, read_bytes

UPLOAD_KINDS = ("txt", "html")


def normalise_newlines(text: str) -> str:
    # Browsers send textarea lines as CRLF; offsets are counted on "\n" everywhere else.
    return text.replace("\r\n", "\n").replace("\r", "\n")


def article_from_text(text: str) -> Article:
    text = normalise_newlines(text).strip("\n")
    if not text.strip():
        raise SelonError("text", "nothing to analyze: paste an article, upload a file or give a URL")
    return Article(text=text)


def article_from_upload(filename: str, data: bytes) -> Article:
    """The article of an uploaded .txt or .html file (first line of a .txt = title)."""
    name = filename or "upload"
    kind = kind_of(name)
    if kind not in UPLOAD_KINDS:
        raise SelonError(name, "upload a .txt or .html file")
    for _, result in read_bytes(name, data, kind):
        if isinstance(result, SelonError):
            raise result
        return result
    raise SelonError(name, "empty input")


def _check_public(url: str, host: str) -> None:
    try:
        infos = socket.getaddrinfo(host, None)
    except (socket.gaierror, UnicodeError):
        raise SelonError(url, f"cannot resolve host {host!r}") from None
    for info in infos:
        address = ipaddress.ip_address(info[4][0].split("%")[0])
        if not address.is_global:
            raise SelonError(url, f"refusing to fetch a non-public address ({address})")


def fetch_article(url: str, allow_private: bool = False, timeout: float = 20.0,
                  max_bytes: int = 4 * 1024 * 1024) -> Article:
    """Download a web page and extract its article (title, body, outlet, date)."""
    import trafilatura
    from trafilatura.settings import use_config

    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise SelonError(url or "url", "give an http:// or https:// address")
    if not allow_private:
        _check_public(url, parts.hostname)
    config = use_config()
    config.set("DEFAULT", "DOWNLOAD_TIMEOUT", str(max(1, int(timeout))))
    config.set("DEFAULT", "MAX_FILE_SIZE", str(max_bytes))
    config.set("DEFAULT", "SSRF_PROTECTION", "off" if allow_private else "on")
    response = trafilatura.fetch_response(url, decode=True, config=config)
    if response is None:
        raise SelonError(url, "could not download the page (no answer, refused, or too large)")
    if response.status != 200:
        raise SelonError(url, f"the server answered HTTP {response.status}")
    html = response.html or ""
    if not html.strip():
        raise SelonError(url, "the page is empty")
    article = parse_html(url, html)
    return article.model_copy(update={"url": url})
