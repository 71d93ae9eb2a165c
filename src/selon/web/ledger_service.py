"""The ledger as the web app reads and writes it: one open `Ledger`, used by one thread at a time.

A DuckDB connection is not meant to be shared between threads, and requests run on a thread
pool, so every call goes through one lock. Reads are short (indexed lookups and small
aggregates), so serialising them costs little; `selon ingest` remains the tool for big
corpora.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from pathlib import Path
from typing import Any

from ..errors import SelonError
from ..ledger import Ledger, content_hash
from ..model import Analysis

_NUMBER = re.compile(r"^[+-]?\d{1,3}(?:[ \u00a0\u202f,.]\d{3})*(?:[.,]\d+)?$|^[+-]?\d+(?:[.,]\d+)?$")

_SEARCH_SQL = """
SELECT DISTINCT c.claim_id
FROM claims c
LEFT JOIN quantities q ON q.claim_id = c.claim_id
LEFT JOIN sources s ON s.claim_id = c.claim_id
WHERE strip_accents(lower(c.text)) LIKE ? ESCAPE '\\'
   OR strip_accents(lower(c.sentence)) LIKE ? ESCAPE '\\'
   OR strip_accents(lower(q.text)) LIKE ? ESCAPE '\\'
   OR strip_accents(lower(s.source)) LIKE ? ESCAPE '\\'
   OR (?::DOUBLE IS NOT NULL AND (q.value = ?::DOUBLE OR q.low = ?::DOUBLE OR q.high = ?::DOUBLE))
"""

_ARTICLES_SQL = """
SELECT a.hash, a.id, a.outlet, a.url, a.published, a.language, a.parser, a.title,
       (SELECT count(*) FROM claims c WHERE c.article_hash = a.hash) AS claims,
       (SELECT count(*) FROM quantities q WHERE q.article_hash = a.hash) AS figures
FROM articles a
ORDER BY a.published DESC NULLS LAST, a.ingested_at DESC, a.hash
LIMIT ? OFFSET ?
"""


def parse_number(text: str) -> float | None:
    """'18 000', '18,000', '1000', '7.5' as a number; None when `text` is not one."""
    text = text.strip()
    if not _NUMBER.match(text):
        return None
    digits = re.sub(r"[ \u00a0\u202f]", "", text)
    # "18,000" / "18.000" group thousands; "7,5" / "7.5" are decimals.
    if re.fullmatch(r"[+-]?\d{1,3}([,.]\d{3})+", digits):
        digits = re.sub(r"[,.]", "", digits)
    return float(digits.replace(",", "."))


def _like(q: str) -> str:
    import unicodedata

    folded = "".join(ch for ch in unicodedata.normalize("NFD", q.lower()) if not unicodedata.combining(ch))
    return "%" + folded.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def group_claims(records: list[dict]) -> list[dict]:
    """Claim records (one per claim x figure) folded back into one item per claim."""
    claims: "OrderedDict[str, dict]" = OrderedDict()
    for record in records:
        item = claims.get(record["claim_id"])
        if item is None:
            item = {key: record[key] for key in (
                "claim_id", "claim_index", "article_hash", "article_id", "outlet", "url", "published",
                "language", "part", "text", "start", "end", "sentence", "certainty", "certainty_rule",
                "hedges", "polarity", "chain")}
            item["figures"] = []
            claims[record["claim_id"]] = item
        if record.get("quantity_index") is not None:
            item["figures"].append({
                "text": record["quantity_text"], "value": record["value"], "low": record["low"],
                "high": record["high"], "approximate": record["approximate"], "unit": record["unit"],
                "qualifier": record["qualifier"], "start": record["quantity_start"], "end": record["quantity_end"],
            })
    return list(claims.values())


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

    def _rows(self, sql: str, params: list[Any]) -> list[dict]:
        cursor = self.ledger.con.cursor()
        try:
            cursor.execute(sql, params)
            names = [d[0] for d in cursor.description]
            return [dict(zip(names, row)) for row in cursor.fetchall()]
        finally:
            cursor.close()

    def articles(self, limit: int = 50, offset: int = 0) -> list[dict]:
        with self._lock:
            rows = self._rows(_ARTICLES_SQL, [limit, offset])
        for row in rows:
            row["published"] = row["published"].isoformat() if row["published"] else None
        return rows

    def count_articles(self) -> int:
        with self._lock:
            return self.ledger.count("articles")

    def analysis(self, article_hash: str) -> Analysis:
        with self._lock:
            return self.ledger.analysis(article_hash)

    def search_claims(self, q: str, limit: int = 100) -> list[dict]:
        """Claims whose wording, sentence, figure or source contains `q` (case and accents
        ignored), or whose figure equals `q` when it is a number; one item per claim."""
        q = q.strip()
        if not q:
            return []
        like = _like(q)
        value = parse_number(q)
        with self._lock:
            ids = [row["claim_id"] for row in self._rows(_SEARCH_SQL, [like] * 4 + [value] * 4)]
            if not ids:
                return []
            records = self.ledger.claim_records(claim_ids=ids)
        return group_claims(records)[:limit]

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
