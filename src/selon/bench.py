"""Throughput of selon's full analysis against the bare spaCy pipeline it is built on.

Both run on the same texts in one process, interleaved article by article (bare then full,
then full then bare...) so that machine noise hits both alike; each article's fastest run in
each mode counts. The ratio selon/bare says how much of spaCy's speed selon keeps (target:
0.85 or more).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

from rich.table import Table

from .analyze import Analyzer
from .errors import SelonError
from .model import Article
from .pipeline import load_model
from .readers import read_path

TARGET_RATIO = 0.85
_REPO = Path(__file__).resolve().parents[2]


def default_sources() -> list[Path]:
    """The gold articles beside a source checkout (../shared/gold) and the bundled example."""
    found = []
    gold = _REPO.parent / "shared" / "gold"
    if gold.is_dir():
        found += sorted(gold.glob("*.jsonl"))
    for example in (_REPO / "examples" / "desertions.fr.json", Path(__file__).parent / "examples" / "desertions.fr.json"):
        if example.is_file():
            found.append(example)
            break
    return found


def load_texts(paths: Iterable[Path] | None = None, limit: int | None = None) -> list[tuple[str, Article]]:
    """Readable articles from `paths` (default: `default_sources()`), the first `limit` of them."""
    sources = list(paths) if paths else default_sources()
    if not sources:
        raise SelonError("selon bench", "no texts to time: give article files (no gold folder, no bundled example)")
    articles = []
    for source in sources:
        for name, item in read_path(source):
            if isinstance(item, Article):
                articles.append((name, item))
    if not articles:
        raise SelonError(", ".join(map(str, sources)), "no readable article to time")
    return articles[:limit] if limit else articles


@dataclass(frozen=True)
class Throughput:
    docs: int
    chars: int
    seconds: float

    @property
    def chars_per_s(self) -> float:
        return self.chars / self.seconds if self.seconds else 0.0

    @property
    def docs_per_s(self) -> float:
        return self.docs / self.seconds if self.seconds else 0.0


@dataclass(frozen=True)
class LanguageBench:
    lang: str
    bare: Throughput
    full: Throughput
    repeats: int

    @property
    def ratio(self) -> float:
        """Share of the bare pipeline's speed that the full analysis keeps."""
        return self.full.chars_per_s / self.bare.chars_per_s if self.bare.chars_per_s else 0.0

    def as_dict(self) -> dict:
        return {"lang": self.lang, "docs": self.bare.docs, "chars": self.bare.chars, "repeats": self.repeats,
                "bare_seconds": round(self.bare.seconds, 4), "full_seconds": round(self.full.seconds, 4),
                "bare_chars_per_s": round(self.bare.chars_per_s), "full_chars_per_s": round(self.full.chars_per_s),
                "bare_docs_per_s": round(self.bare.docs_per_s, 2), "full_docs_per_s": round(self.full.docs_per_s, 2),
                "ratio": round(self.ratio, 3), "target": TARGET_RATIO}


def _timed(run: Callable[[], object]) -> float:
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def run(articles: list[tuple[str, Article]], repeats: int = 3, analyzer: Analyzer | None = None) -> list[LanguageBench]:
    """Time the bare pipeline and the full analysis on the same articles, per language.

    Each article is timed `repeats` times in each mode, the two modes alternating article by
    article (bare first, then full first...); an article's time in a mode is its fastest run,
    so a burst of load from other processes spoils one run of one article, not a whole pass.
    """
    analyzer = analyzer or Analyzer()
    by_lang: dict[str, list[tuple[str, Article]]] = {}
    for name, article in articles:
        try:
            by_lang.setdefault(analyzer.language_of(article, name), []).append((name, article))
        except SelonError:
            continue  # a language without a spaCy pipeline has nothing to compare
    results = []
    for lang, items in sorted(by_lang.items()):
        bare_nlp = load_model(lang)

        def bare(article: Article) -> None:
            for text in (article.title, article.text):
                if text and text.strip():
                    bare_nlp(text)

        def full(name: str, article: Article) -> None:
            analyzer.analyze_article(article, name)

        for name, article in items:  # warm-up: first calls fill caches and load lazy data
            bare(article), full(name, article)
        bare_best = [float("inf")] * len(items)
        full_best = [float("inf")] * len(items)
        for i in range(repeats):
            for j, (name, article) in enumerate(items):
                timings = [(bare_best, lambda: bare(article)), (full_best, lambda: full(name, article))]
                for best, fn in (timings if (i + j) % 2 == 0 else timings[::-1]):
                    best[j] = min(best[j], _timed(fn))
        chars = sum(len(t) for _, a in items for t in (a.title, a.text) if t and t.strip())
        results.append(LanguageBench(lang=lang, repeats=repeats,
                                     bare=Throughput(len(items), chars, sum(bare_best)),
                                     full=Throughput(len(items), chars, sum(full_best))))
    return results


def render(results: list[LanguageBench]) -> Table:
    table = Table(title=f"selon bench: full analysis vs bare spaCy (fastest of {results[0].repeats if results else 0} "
                        f"interleaved runs per article; target ratio ≥ {TARGET_RATIO})", title_justify="left")
    for column in ("lang", "docs", "chars", "bare chars/s", "selon chars/s", "bare docs/s", "selon docs/s", "ratio"):
        table.add_column(column, justify="left" if column == "lang" else "right")
    for r in results:
        ratio_style = "green" if r.ratio >= TARGET_RATIO else "red"
        table.add_row(r.lang, str(r.bare.docs), str(r.bare.chars), f"{r.bare.chars_per_s:,.0f}",
                      f"{r.full.chars_per_s:,.0f}", f"{r.bare.docs_per_s:.2f}", f"{r.full.docs_per_s:.2f}",
                      f"[{ratio_style}]{r.ratio:.2f}[/]")
    return table
