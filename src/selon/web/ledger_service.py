"""The ledger as the web app reads and writes it: one open `Ledger`, used by one thread at a time.

A DuckDB connection is not meant to be shared between threads, and requests run on a thread
pool, so every call goes through one lock. Reads are short (indexed lookups and small
aggregates), so serialising them costs little; `selon ingest` remains the tool for big
corpora.
"""

from __future__ import annotations

import threading
from pathlib import Path

from ..errors import SelonError
from ..ledger import Ledger, content_hash
from ..model import Analysis


class LedgerService:
    """One open ledger behind a lock, with the reads and writes the web app needs."""

    def __init__(self, path: str | Path, read_only: bool = False):
        self._path = Path(path)
        self.read_only = read_only
        self._lock = threading.Lock()
        # Opened now so that a bad file stops the server at once, with its message.
        self._ledger: Ledger | None = Ledger.open(self._path, read_only=read_only)

    @classmethod
    def open(cls, path: str | Path, read_only: bool = False) -> "LedgerService":
        return cls(path, read_only)

    @property
    def path(self) -> str:
        return str(self._path)

    @property
    def ledger(self) -> Ledger:
        """The open ledger (call under the lock); opened again after `close`, since an app
        may go through its startup and shutdown more than once."""
        if self._ledger is None:
            self._ledger = Ledger.open(self._path, read_only=self.read_only)
        return self._ledger

    def close(self) -> None:
        with self._lock:
            if self._ledger is not None:
                self._ledger.close()
                self._ledger = None

    def articles(self, limit: int = 50, offset: int = 0) -> list[dict]:
        with self._lock:
            return self.ledger.articles(limit, offset)

    def count_articles(self) -> int:
        with self._lock:
            return self.ledger.count("articles")

    def analysis(self, article_hash: str) -> Analysis:
        with self._lock:
            return self.ledger.analysis(article_hash)

    def search_claims(self, q: str, limit: int = 100) -> list[dict]:
        """Claims whose wording, sentence, figure or source contains `q` (case and accents
        ignored), or whose figure equals `q` when it is a number; one item per claim."""
        with self._lock:
            return self.ledger.search_claims(q, limit)

    def figures(self, limit: int = 20, min_outlets: int = 1) -> list[dict]:
        with self._lock:
            return self.ledger.figures(limit=limit, min_outlets=min_outlets)

    def claim_records(self, **filters) -> list[dict]:
        with self._lock:
            return self.ledger.claim_records(**filters)

    def citation_rows(self) -> list[dict]:
        with self._lock:
            return self.ledger.citation_rows()

    def known(self, title: str | None, text: str) -> str | None:
        """The hash of this article when the ledger already holds it."""
        article_hash = content_hash(title, text)
        with self._lock:
            return article_hash if self.ledger.has(article_hash) else None

    def add(self, analysis: Analysis, article_id: str | None, source_name: str = "api") -> tuple[str, bool]:
        """Store one analysis; (hash, stored) where stored is False for a duplicate."""
        if self.read_only:
            raise SelonError(self.path, "the ledger is open read-only")
        article_hash = content_hash(analysis.title, analysis.text)
        with self._lock:
            stored = self.ledger.add(analysis, article_hash, article_id=article_id, source_name=source_name)
        return article_hash, stored
