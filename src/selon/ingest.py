"""Ingest a corpus into the ledger: read, skip what is known, analyse, store.

Articles are keyed by content hash, checked against the ledger *before* analysis, and each
one is stored in its own transaction: a run stopped at any moment and started again stores
every article exactly once. Languages with a spaCy pipeline go through
`Analyzer.analyze_many` (batched, `n_process` workers); the others get the lexicon fallback.
"""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from . import langdata
from .analyze import Analyzer, check_article
from .errors import SelonError
from .fallback import analyze_fallback, fallback_languages
from .ledger import Ledger, content_hash
from .model import Analysis, Article
from .readers import SUFFIXES, find_inputs, read_path
from .warc import WARC_SUFFIXES, is_warc, read_warc

INPUT_SUFFIXES = SUFFIXES + WARC_SUFFIXES
# Articles per nlp.pipe call and worker: large enough that starting workers is paid rarely.
BATCH_SIZE = 16

# Articles are committed in groups (each article whole): at most this many, or this old.
COMMIT_EVERY = 100
COMMIT_SECONDS = 2.0

Outcome = str  # "stored" | "duplicate" | "failed"


@dataclass
class IngestSummary:
    stored: int = 0
    duplicates: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)  # (item, problem)
    languages: Counter = field(default_factory=Counter)
    parsers: Counter = field(default_factory=Counter)
    seconds: float = 0.0

    @property
    def failed(self) -> int:
        return len(self.failures)

    @property
    def seen(self) -> int:
        return self.stored + self.duplicates + self.failed

    def reasons(self) -> Counter:
        """Failures counted by problem, so that a thousand bad records read as one line."""
        return Counter(problem for _, problem in self.failures)

    def as_dict(self) -> dict:
        return {"stored": self.stored, "duplicates": self.duplicates, "failed": self.failed,
                "failures": [{"item": item, "problem": problem} for item, problem in self.failures],
                "languages": dict(self.languages), "parsers": dict(self.parsers),
                "seconds": round(self.seconds, 3)}


def read_inputs(paths: Iterable[str | Path]) -> Iterator[tuple[str, Article | SelonError]]:
    """(name, Article | SelonError) for every article under `paths`, WARC files included."""
    seen: Counter = Counter()
    for path in find_inputs(paths, INPUT_SUFFIXES):
        items = read_warc(path) if is_warc(path) else read_path(path)
        for name, item in items:
            seen[name] += 1  # the same file given twice still gives distinct names
            yield (name if seen[name] == 1 else f"{name}#{seen[name]}"), item


def route(article: Article, name: str) -> tuple[str, str]:
    """(language code, parser) for an article: 'spacy' when the language has a pipeline,
    'lexicon' when it has only a data file. Detects the language when none is given."""
    if article.language:
        code = article.language.strip().lower().replace("_", "-").split("-")[0]
    else:
        code, _ = langdata.detect_language(f"{article.title or ''}\n{article.text}")
        if code is None:
            raise SelonError(name, "unrecognised language (give a 'language' field; known: "
                                   f"{', '.join(langdata.available())})")
    if code in langdata.parsed_languages():
        return code, "spacy"
    if code in fallback_languages():
        return code, "lexicon"
    raise SelonError(name, f"unsupported language {article.language!r} (known: {', '.join(langdata.available())})")


class Ingest:
    """One ingest run into an open ledger. `progress(outcome)` is called once per article."""

    def __init__(self, ledger: Ledger, analyzer: Analyzer | None = None, jobs: int = 1,
                 progress: Callable[[Outcome], None] | None = None,
                 on_failure: Callable[[str, str], None] | None = None,
                 batch_size: int = BATCH_SIZE):
        self.ledger = ledger
        self.analyzer = analyzer or Analyzer()
        self.jobs = max(1, jobs)
        self.batch_size = batch_size
        self.progress = progress or (lambda outcome: None)
        self.on_failure = on_failure or (lambda item, problem: None)
        self.summary = IngestSummary()
        self._known: set[str] = set()
        self._waiting: dict[str, tuple[str, Article]] = {}  # name -> (hash, article) at the parser
        self.commit_every = COMMIT_EVERY
        self.commit_seconds = COMMIT_SECONDS
        self._stored_in_batch, self._batch_started = 0, time.monotonic()

    def run(self, items: Iterable[tuple[str, Article | SelonError]]) -> IngestSummary:
        started = time.perf_counter()
        self._known = self.ledger.known_hashes()
        results = self.analyzer.analyze_many(self._triage(items), batch_size=self.batch_size,
                                             n_process=self.jobs)
        with self.ledger.batch():
            for name, result in results:
                article_hash, article = self._waiting.pop(name)
                if isinstance(result, SelonError):
                    self._fail(name, result)
                else:
                    self._store(name, article_hash, article, result)
        self.summary.seconds = time.perf_counter() - started
        return self.summary

    def _triage(self, items: Iterable[tuple[str, Article | SelonError]]) -> Iterator[tuple[str, Article]]:
        """Failures and duplicates are settled here, fallback languages analysed and stored;
        what needs the parser goes on to `analyze_many`."""
        for name, item in items:
            if isinstance(item, SelonError):
                self._fail(name, item)
                continue
            try:
                check_article(item, name)
                lang, parser = route(item, name)
            except SelonError as err:
                self._fail(name, err)
                continue
            article_hash = content_hash(item.title, item.text)
            if article_hash in self._known:
                self.summary.duplicates += 1
                self.progress("duplicate")
                continue
            self._known.add(article_hash)
            item = item.model_copy(update={"language": lang})
            if parser == "lexicon":
                try:
                    analysis = analyze_fallback(item, lang, name)
                except SelonError as err:
                    self._fail(name, err)
                    continue
                self._store(name, article_hash, item, analysis)
                continue
            self._waiting[name] = (article_hash, item)
            yield name, item

    def _store(self, name: str, article_hash: str, article: Article, analysis: Analysis) -> None:
        if self._stored_in_batch >= self.commit_every or time.monotonic() - self._batch_started > self.commit_seconds:
            self.ledger.commit_batch()
            self.ledger.begin_batch()
            self._stored_in_batch, self._batch_started = 0, time.monotonic()
        self._stored_in_batch += 1
        if self.ledger.add(analysis, article_hash, article.id or name, name):
            self.summary.stored += 1
            self.summary.languages[analysis.language] += 1
            self.summary.parsers[analysis.parser] += 1
            self.progress("stored")
        else:
            self.summary.duplicates += 1
            self.progress("duplicate")

    def _fail(self, name: str, err: SelonError) -> None:
        self.summary.failures.append((name, err.problem))
        self.on_failure(name, err.problem)
        self.progress("failed")


def ingest_paths(paths: Iterable[str | Path], ledger: Ledger, jobs: int = 1, **options) -> IngestSummary:
    """Ingest every article under `paths` into `ledger`."""
    return Ingest(ledger, jobs=jobs, **options).run(read_inputs(paths))
