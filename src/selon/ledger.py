"""The ledger: analyses of a corpus stored in one DuckDB file, and the reads built on it.

The tables are documented in docs/ledger.md. Writing an article is one transaction keyed by
its content hash, so a run killed at any moment leaves every article either fully stored or
absent. `claim_records` is the contract with matching and tracing: plain dicts, one per
claim x quantity.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from contextlib import contextmanager
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any, Iterable, Iterator, Sequence

import duckdb

from . import langdata
from .errors import SelonError
from .model import Analysis, Claim
from .quantities import parse_number
from .sentences import SentenceIndex

LEDGER_MARKER = "selon"
LEDGER_SCHEMA_VERSION = "2"  # 2: sources keep kind_rule and refers_to
DEFAULT_DB = "selon.duckdb"
DB_ENV = "SELON_DB"

_ENTITY = 'STRUCT(text VARCHAR, label VARCHAR, "start" INTEGER, "end" INTEGER)'
# Every table the ingest writes: (column, type) in the order `article_rows` fills them.
TABLES: dict[str, tuple[tuple[str, str], ...]] = {
    "articles": (("hash", "VARCHAR"), ("id", "VARCHAR"), ("source_name", "VARCHAR"), ("outlet", "VARCHAR"),
                 ("url", "VARCHAR"), ("published", "DATE"), ("language", "VARCHAR"), ("parser", "VARCHAR"),
                 ("title", "VARCHAR"), ("text", "VARCHAR"), ("analysis", "JSON"), ("ingested_at", "TIMESTAMP")),
    "claims": (("claim_id", "VARCHAR"), ("article_hash", "VARCHAR"), ("claim_index", "VARCHAR"), ("part", "VARCHAR"),
               ("text", "VARCHAR"), ("start", "INTEGER"), ("end", "INTEGER"), ("sentence", "VARCHAR"),
               ("sentence_start", "INTEGER"), ("sentence_end", "INTEGER"), ("certainty", "VARCHAR"),
               ("certainty_rule", "VARCHAR"), ("hedges", "VARCHAR[]"), ("polarity", "VARCHAR"),
               ("entities", f"{_ENTITY}[]")),
    "sources": (("claim_id", "VARCHAR"), ("article_hash", "VARCHAR"), ("position", "INTEGER"), ("source", "VARCHAR"),
                ("kind", "VARCHAR"), ("cue", "VARCHAR"), ("start", "INTEGER"), ("end", "INTEGER"),
                ("cue_start", "INTEGER"), ("cue_end", "INTEGER"), ("rule", "VARCHAR"), ("kind_rule", "VARCHAR"),
                ("refers_to", "VARCHAR")),
    "quantities": (("claim_id", "VARCHAR"), ("article_hash", "VARCHAR"), ("position", "INTEGER"), ("text", "VARCHAR"),
                   ("value", "DOUBLE"), ("low", "DOUBLE"), ("high", "DOUBLE"), ("approximate", "BOOLEAN"),
                   ("unit", "VARCHAR"), ("qualifier", "VARCHAR"), ("start", "INTEGER"), ("end", "INTEGER"),
                   ("part", "VARCHAR")),
    "citations": (("article_hash", "VARCHAR"), ("claim_id", "VARCHAR"), ("citing", "VARCHAR"), ("cited", "VARCHAR"),
                  ("kind", "VARCHAR"), ("position", "INTEGER")),
}
COLUMNS = {table: tuple(name for name, _ in columns) for table, columns in TABLES.items()}
_PRIMARY_KEYS = {"articles": "hash", "claims": "claim_id"}


def _ddl() -> list[str]:
    statements = ["CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR)"]
    for table, columns in TABLES.items():
        defs = [f'"{name}" {kind}' + (" PRIMARY KEY" if _PRIMARY_KEYS.get(table) == name else "")
                for name, kind in columns]
        statements.append(f"CREATE TABLE {table} ({', '.join(defs)})")
    statements.append("CREATE TABLE clusters (claim_id VARCHAR, cluster_id VARCHAR, reasons JSON)")
    return statements


# ---- pure helpers ---------------------------------------------------------------------------

_SPACES = re.compile(r"\s+")


def normalize_text(text: str | None) -> str:
    """NFC, whitespace runs collapsed, trimmed: what the content hash is computed on."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text or "")).strip()


def content_hash(title: str | None, text: str) -> str:
    """The key of an article: the same words under another file name or id are the same article."""
    payload = f"{normalize_text(title)}\n\n{normalize_text(text)}".encode("utf-8")
    return hashlib.sha256(payload).hexdigest()


def claim_key(article_hash: str, claim_index: str) -> str:
    return f"{article_hash[:16]}:{claim_index}"


def _number(value: float | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


def fold(text: str) -> str:
    """Lower case without accents: what search compares (DuckDB's strip_accents(lower(...)))."""
    return "".join(ch for ch in unicodedata.normalize("NFD", text.lower()) if not unicodedata.combining(ch))


def query_values(q: str) -> list[float]:
    """Every value a search text writes as a number, read by each language file's number rules
    ("18,000" is 18000 in English and 18 in French: both are searched). Only a text with a digit
    is read, so that a word such as "un" stays a word."""
    if not any(ch.isdigit() for ch in q):
        return []
    values = set()
    for code in langdata.available():
        data = langdata.load(code)
        value = parse_number(q, data, "quantities" if data.section("quantities") else "fallback")
        if value is not None:
            values.add(float(value))
    return sorted(values)


def article_rows(analysis: Analysis, article_hash: str, article_id: str | None, source_name: str,
                 ingested_at: datetime | None = None) -> dict[str, list[tuple]]:
    """Every row one article adds to the ledger, by table. Pure."""
    ingested_at = ingested_at or datetime.now(timezone.utc).replace(tzinfo=None)
    rows: dict[str, list[tuple]] = {name: [] for name in COLUMNS}
    rows["articles"].append((
        article_hash, article_id or analysis.id or source_name, source_name, analysis.outlet,
        analysis.url, analysis.published, analysis.language, analysis.parser, analysis.title,
        analysis.text, analysis.model_dump_json(), ingested_at,
    ))
    sentences: dict[str, SentenceIndex] = {}
    for claim in analysis.claims:
        cid = claim_key(article_hash, claim.id)
        if claim.part not in sentences:
            sentences[claim.part] = SentenceIndex(analysis.part_text(claim.part))
        rows["claims"].append(_claim_row(analysis, claim, cid, article_hash, sentences[claim.part]))
        citing = analysis.outlet
        for position, link in enumerate(claim.chain, start=1):
            rows["sources"].append((cid, article_hash, position, link.source, link.kind, link.cue,
                                    link.start, link.end, link.cue_start, link.cue_end, link.rule,
                                    link.kind_rule, link.refers_to))
            # A description ("le magazine américain") cites the outlet it stands for.
            cited = link.refers_to or link.source
            if link.kind != "anonymous":
                rows["citations"].append((article_hash, cid, citing, cited, link.kind, position))
            citing = cited
        for position, q in enumerate(claim.quantities):
            rows["quantities"].append((cid, article_hash, position, q.text, q.value, q.low, q.high,
                                       q.approximate, q.unit, q.qualifier, q.start, q.end, claim.part))
    return rows


def _claim_row(analysis: Analysis, claim: Claim, cid: str, article_hash: str, sentences: SentenceIndex) -> tuple:
    part_text = sentences.text
    s, e = sentences.around(claim.start, claim.end)
    entities = [{"text": ent.text, "label": ent.label, "start": ent.start, "end": ent.end}
                for ent in analysis.entities if ent.part == claim.part and s <= ent.start and ent.end <= e]
    return (cid, article_hash, claim.id, claim.part, claim.text, claim.start, claim.end,
            part_text[s:e], s, e, claim.certainty, claim.certainty_rule, list(claim.hedges),
            claim.polarity, entities)


# ---- the database -------------------------------------------------------------------------------

def default_path() -> Path:
    import os

    return Path(os.environ.get(DB_ENV) or DEFAULT_DB)


def _connect(path: Path, read_only: bool) -> duckdb.DuckDBPyConnection:
    try:
        return duckdb.connect(str(path), read_only=read_only)
    except duckdb.IOException as exc:
        message = str(exc)
        if "lock" in message.lower():
            holder = re.search(r"\(PID (\d+)\)", message)
            who = f" (process {holder.group(1)})" if holder else ""
            raise SelonError(str(path), f"the ledger is locked by another process{who}; "
                                        "wait for it to finish or use another --db") from None
        if "not a valid DuckDB database" in message:
            raise SelonError(str(path), "not a selon ledger (not a DuckDB database file); "
                                        "nothing was written") from None
        raise SelonError(str(path), f"cannot open the ledger: {message}") from None
    except duckdb.Error as exc:
        raise SelonError(str(path), f"cannot open the ledger: {exc}") from None


class Ledger:
    """An open ledger file. Use `Ledger.open(path)`; close it (or use `with`) when done."""

    def __init__(self, con: duckdb.DuckDBPyConnection, path: Path, read_only: bool):
        self.con = con
        self.path = path
        self.read_only = read_only

    # -- opening

    @classmethod
    def open(cls, path: str | Path | None = None, read_only: bool = False) -> "Ledger":
        """Open (and, for writing, create) a ledger; refuse any other DuckDB file untouched."""
        path = Path(path) if path is not None else default_path()
        if path.is_dir():
            raise SelonError(str(path), "is a folder, not a ledger file")
        if read_only and not path.exists():
            raise SelonError(str(path), "no ledger here (run `selon ingest` first, or give --db)")
        con = _connect(path, read_only)
        try:
            tables = {row[0] for row in con.execute(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'").fetchall()}
            if not tables and not read_only:
                # An empty file: new, or a first run killed before its schema was committed.
                cls._create_schema(con)
            else:
                cls._check_marker(con, tables, path)
        except BaseException:
            con.close()
            raise
        return cls(con, path, read_only)

    @staticmethod
    def _create_schema(con: duckdb.DuckDBPyConnection) -> None:
        con.execute("BEGIN TRANSACTION")
        for ddl in _ddl():
            con.execute(ddl)
        con.execute("INSERT INTO meta VALUES ('ledger', ?), ('schema_version', ?), ('created_at', ?)",
                    [LEDGER_MARKER, LEDGER_SCHEMA_VERSION, datetime.now(timezone.utc).isoformat()])
        con.execute("COMMIT")

    @staticmethod
    def _check_marker(con: duckdb.DuckDBPyConnection, tables: set[str], path: Path) -> None:
        meta = {}
        if "meta" in tables:
            try:
                meta = dict(con.execute("SELECT key, value FROM meta").fetchall())
            except duckdb.Error:
                meta = {}
        if meta.get("ledger") != LEDGER_MARKER:
            raise SelonError(str(path), "not a selon ledger (a DuckDB file without the selon "
                                        "marker); nothing was written")
        version = meta.get("schema_version")
        if version != LEDGER_SCHEMA_VERSION:
            raise SelonError(str(path), f"ledger schema version {version}, this selon reads "
                                        f"version {LEDGER_SCHEMA_VERSION}")

    def close(self) -> None:
        self.rollback_batch()  # what was not committed is not stored: the next run redoes it
        self.con.close()

    def __enter__(self) -> "Ledger":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- writing

    def known_hashes(self) -> set[str]:
        return {row[0] for row in self.con.execute("SELECT hash FROM articles").fetchall()}

    def has(self, article_hash: str) -> bool:
        return self.con.execute("SELECT 1 FROM articles WHERE hash = ?", [article_hash]).fetchone() is not None

    def add(self, analysis: Analysis, article_hash: str, article_id: str | None = None,
            source_name: str = "") -> bool:
        """Store one article with all its rows, in the open batch or in a batch of its own.

        False when the article is already in the batch or, outside a batch, already stored.
        (In a batch, an article found stored at commit is left out then.)
        """
        if self._batch is None:
            self.begin_batch()
            try:
                self.add(analysis, article_hash, article_id, source_name)
            except BaseException:
                self.rollback_batch()
                raise
            return self.commit_batch() == 1
        if article_hash in self._batch:
            return False
        self._batch[article_hash] = article_rows(analysis, article_hash, article_id, source_name)
        return True

    # A batch gathers whole articles and writes them in one transaction at commit: one disk sync
    # and a few multi-row statements per batch instead of per article. A crash loses whole
    # articles only, which the next run stores again.

    _batch: dict[str, dict[str, list[tuple]]] | None = None

    def begin_batch(self) -> None:
        if self._batch is None:
            self._batch = {}

    def commit_batch(self) -> int:
        """Write the batch in one transaction; returns how many articles it stored."""
        batch, self._batch = self._batch, None
        if not batch:
            return 0
        with self._transaction():
            stored = self.con.execute("SELECT hash FROM articles WHERE hash IN (SELECT unnest(?::VARCHAR[]))",
                                      [list(batch)]).fetchall()
            for (article_hash,) in stored:
                del batch[article_hash]
            for table in COLUMNS:
                self._insert(table, [row for rows in batch.values() for row in rows[table]])
        return len(batch)

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        self.con.execute("BEGIN TRANSACTION")
        try:
            yield
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        self.con.execute("COMMIT")

    def rollback_batch(self) -> None:
        self._batch = None

    @contextmanager
    def batch(self) -> Iterator["Ledger"]:
        """Commit on success; on any error or interrupt, drop every article of the batch."""
        self.begin_batch()
        try:
            yield self
        except BaseException:
            self.rollback_batch()
            raise
        self.commit_batch()

    def _insert(self, table: str, rows: list[tuple]) -> None:
        if not rows:
            return
        # One list per column, zipped back into rows by DuckDB's unnest: a handful of parameters
        # instead of one per value, several times faster than multi-row VALUES or executemany.
        columns = TABLES[table]
        names = ", ".join(f'"{name}"' for name, _ in columns)
        lists = ", ".join(f"unnest(${i}::{kind}[])" for i, (_, kind) in enumerate(columns, start=1))
        values = [list(column) for column in zip(*rows)]
        self.con.execute(f"INSERT INTO {table} ({names}) SELECT {lists}", values)

    def write_clusters(self, rows: Iterable[tuple[str, str, Any]]) -> int:
        """Replace the clusters table with (claim_id, cluster_id, reasons) rows."""
        rows = [(claim_id, cluster_id, json.dumps(reasons, ensure_ascii=False))
                for claim_id, cluster_id, reasons in rows]
        with self._transaction():
            self.con.execute("DELETE FROM clusters")
            if rows:
                self.con.executemany("INSERT INTO clusters VALUES (?, ?, ?)", rows)
        return len(rows)

    # -- reading

    def count(self, table: str) -> int:
        if table not in COLUMNS and table != "clusters":
            raise SelonError(table, "no such ledger table")
        return self.con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]

    def analysis(self, article_hash: str) -> Analysis:
        row = self.con.execute("SELECT analysis FROM articles WHERE hash = ?", [article_hash]).fetchone()
        if row is None:
            raise SelonError(article_hash, "no such article in the ledger")
        return Analysis.model_validate_json(row[0])

    def claim_records(self, **filters) -> list[dict]:
        """One plain dict per claim x quantity (shape in docs/ledger.md)."""
        return list(self.iter_claim_records(**filters))

    def iter_claim_records(self, claim_ids: Sequence[str] | None = None,
                           article_hashes: Sequence[str] | None = None,
                           article_ids: Sequence[str] | None = None,
                           languages: Sequence[str] | None = None, figures_only: bool = False,
                           value_between: tuple[float, float] | None = None,
                           batch_size: int = 10_000) -> Iterator[dict]:
        where, params = [], []
        for column, values in (("c.claim_id", claim_ids), ("c.article_hash", article_hashes),
                               ("a.id", article_ids), ("a.language", languages)):
            if values is not None:
                where.append(f"{column} IN (SELECT unnest(?::VARCHAR[]))")
                params.append(list(values))
        if figures_only:
            where.append("q.claim_id IS NOT NULL")
        if value_between is not None:
            where.append("(q.value BETWEEN ? AND ? OR q.low BETWEEN ? AND ? OR q.high BETWEEN ? AND ?)")
            params += list(value_between) * 3
        sql = _RECORDS_SQL.format(where=("WHERE " + " AND ".join(where)) if where else "")
        for row in self._rows(sql, params, batch_size):
            yield _record(row)

    def articles(self, limit: int = 50, offset: int = 0) -> list[dict]:
        """Stored articles, newest first, each with how many claims and figures it holds."""
        rows = list(self._rows(_ARTICLES_SQL, [limit, offset]))
        for row in rows:
            row["published"] = row["published"].isoformat() if row["published"] else None
        return rows

    def search_claims(self, q: str, limit: int = 100) -> list[dict]:
        """Claims whose wording, sentence, figure text or source name contains `q` (case and
        accents ignored), or with a figure (value or bound) that `q` writes as a number.

        One dict per claim, in claim-record order, with its chain and a `figures` list.
        """
        q = q.strip()
        if not q:
            return []
        like = "%" + fold(q).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        ids = [row["claim_id"] for row in self._rows(_SEARCH_SQL, [like, query_values(q), limit])]
        if not ids:
            return []
        return claims_of_records(self.iter_claim_records(claim_ids=ids))

    def _rows(self, sql: str, params: list[Any], batch_size: int = 10_000) -> Iterator[dict]:
        """Rows of a query as dicts, fetched in batches on a cursor of its own."""
        cursor = self.con.cursor()
        try:
            cursor.execute(sql, params)
            names = [d[0] for d in cursor.description]
            while batch := cursor.fetchmany(batch_size):
                for row in batch:
                    yield dict(zip(names, row))
        finally:
            cursor.close()

    def citation_rows(self) -> list[dict]:
        rows = self._rows("""SELECT ci.*, a.id AS article_id, a.outlet, a.published, a.language
                             FROM citations ci JOIN articles a ON a.hash = ci.article_hash
                             ORDER BY a.published NULLS LAST, ci.article_hash, ci.claim_id, ci.position""", [])
        return [{k: (v.isoformat() if isinstance(v, date) else v) for k, v in row.items()} for row in rows]

    def figures(self, limit: int = 20, min_outlets: int = 1) -> list[dict]:
        """Figures reported by the most outlets (an outlet is the `outlet`, else the url's host)."""
        # min_outlets 1 keeps figures from articles whose outlet is unknown (0 outlets).
        out = []
        for item in self._rows(_FIGURES_SQL, [min_outlets, min_outlets, limit]):
            item["value"] = _number(item["value"])
            for key in ("first", "last"):
                item[key] = item[key].isoformat() if item[key] else None
            out.append(item)
        return out

    def query(self, sql: str) -> tuple[list[str], list[tuple]]:
        """Run one read-only statement; returns (column names, rows)."""
        statements = _statements(sql)
        if len(statements) != 1:
            raise SelonError("query", f"give exactly one SQL statement (got {len(statements)})")
        kind = statements[0].type.name
        if kind not in _READ_STATEMENTS:
            raise SelonError("query", f"only reading is allowed here ({kind} statements change things)")
        try:
            cursor = self.con.execute(sql)
        except duckdb.Error as exc:
            raise SelonError("query", str(exc).splitlines()[0]) from None
        if cursor.description is None:
            return [], []
        return [d[0] for d in cursor.description], cursor.fetchall()


_READ_STATEMENTS = {"SELECT", "EXPLAIN", "PRAGMA"}


def _statements(sql: str) -> list:
    try:
        return duckdb.extract_statements(sql)
    except duckdb.Error as exc:
        raise SelonError("query", str(exc).splitlines()[0]) from None


_RECORDS_SQL = """
WITH chains AS (
    SELECT claim_id,
           list({{'source': source, 'kind': kind, 'cue': cue, 'start': "start", 'end': "end",
                  'cue_start': cue_start, 'cue_end': cue_end, 'rule': rule, 'kind_rule': kind_rule,
                  'refers_to': refers_to}} ORDER BY position) AS chain
    FROM sources GROUP BY claim_id
)
SELECT c.claim_id, c.claim_index, c.article_hash, a.id AS article_id, a.outlet, a.url, a.published,
       a.language, a.parser, c.part, c.text, c."start", c."end", c.sentence, c.sentence_start,
       c.sentence_end, c.certainty, c.certainty_rule, c.hedges, c.polarity,
       coalesce(ch.chain, []) AS chain,
       q.position AS quantity_index, q.text AS quantity_text, q.value, q.low, q.high, q.approximate,
       q.unit, q.qualifier, q."start" AS quantity_start, q."end" AS quantity_end, c.entities
FROM claims c
JOIN articles a ON a.hash = c.article_hash
LEFT JOIN chains ch ON ch.claim_id = c.claim_id
LEFT JOIN quantities q ON q.claim_id = c.claim_id
{where}
ORDER BY a.published NULLS LAST, c.article_hash, c.part DESC, c."start", q.position
"""

_ARTICLES_SQL = """
SELECT a.hash, a.id, a.outlet, a.url, a.published, a.language, a.parser, a.title,
       (SELECT count(*) FROM claims c WHERE c.article_hash = a.hash) AS claims,
       (SELECT count(*) FROM quantities q WHERE q.article_hash = a.hash) AS figures
FROM articles a
ORDER BY a.published DESC NULLS LAST, a.ingested_at DESC, a.hash
LIMIT ? OFFSET ?
"""

# $1 the folded LIKE pattern, $2 the values the query writes, $3 the limit; in claim-record order.
_SEARCH_SQL = """
SELECT c.claim_id
FROM claims c JOIN articles a ON a.hash = c.article_hash
WHERE strip_accents(lower(c.text)) LIKE $1 ESCAPE '\\'
   OR strip_accents(lower(c.sentence)) LIKE $1 ESCAPE '\\'
   OR EXISTS (SELECT 1 FROM quantities q WHERE q.claim_id = c.claim_id
              AND (strip_accents(lower(q.text)) LIKE $1 ESCAPE '\\'
                   OR list_contains($2::DOUBLE[], q.value) OR list_contains($2::DOUBLE[], q.low)
                   OR list_contains($2::DOUBLE[], q.high)))
   OR EXISTS (SELECT 1 FROM sources s WHERE s.claim_id = c.claim_id
              AND strip_accents(lower(s.source)) LIKE $1 ESCAPE '\\')
ORDER BY a.published NULLS LAST, c.article_hash, c.part DESC, c."start"
LIMIT $3
"""

_FIGURES_SQL = """
SELECT q.value, q.unit, mode(q.text) AS example,
       count(DISTINCT a.hash) AS articles,
       count(DISTINCT coalesce(a.outlet, nullif(regexp_extract(a.url, '://(?:www\\.)?([^/:]+)', 1), ''))) AS outlets,
       count(DISTINCT a.language) AS languages,
       min(a.published) AS first, max(a.published) AS last
FROM quantities q JOIN articles a ON a.hash = q.article_hash
WHERE q.value IS NOT NULL
GROUP BY q.value, q.unit
HAVING outlets >= ? OR ? <= 1
ORDER BY outlets DESC, articles DESC, languages DESC, q.value, q.unit
LIMIT ?
"""


_CLAIM_KEYS = ("claim_id", "claim_index", "article_hash", "article_id", "outlet", "url", "published",
               "language", "part", "text", "start", "end", "sentence", "certainty", "certainty_rule",
               "hedges", "polarity", "chain")


def claims_of_records(records: Iterable[dict]) -> list[dict]:
    """Claim records (one per claim x figure) folded back into one dict per claim, its figures
    in a `figures` list."""
    claims: dict[str, dict] = {}
    for record in records:
        item = claims.get(record["claim_id"])
        if item is None:
            item = claims[record["claim_id"]] = {key: record[key] for key in _CLAIM_KEYS}
            item["figures"] = []
        if record["quantity_index"] is not None:
            item["figures"].append({
                "text": record["quantity_text"], "value": record["value"], "low": record["low"],
                "high": record["high"], "approximate": record["approximate"], "unit": record["unit"],
                "qualifier": record["qualifier"], "start": record["quantity_start"], "end": record["quantity_end"],
                "part": record["part"],
            })
    return list(claims.values())


def _record(row: dict) -> dict:
    row["published"] = row["published"].isoformat() if row["published"] else None
    for key in ("value", "low", "high"):
        row[key] = _number(row[key])
    row["hedges"] = list(row["hedges"] or [])
    row["chain"] = [dict(link) for link in row["chain"] or []]
    row["entities"] = [dict(ent) for ent in row["entities"] or []]
    return row
