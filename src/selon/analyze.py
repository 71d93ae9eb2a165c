"""Analysing one article: text and metadata in, `Analysis` out.

`build_analysis` is a pure function of the parsed title and body; `Analyzer` only owns the
loaded spaCy pipelines (one per language, loaded on first use), so the same code runs in
a CLI, a web worker or a Spark partition.
"""

from __future__ import annotations

from datetime import date
from typing import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from . import headline, langdata, times
from .errors import SelonError
from .model import Analysis, Article, Claim, Entity, Part
from .pipeline import doc_text, load_pipeline, make_part_doc
from .pool import pooled
from .profile import profile, source_table

MAX_CHARS = 5_000_000


def _in_part(spans: list, part: Part) -> list:
    """The spans marked as coming from `part`. The components leave every span at the model's
    default part, "body", and the part is applied here, once: only a title's spans are copied."""
    return [s if s.part == part else s.model_copy(update={"part": part}) for s in spans]


def _with_part(claim: Claim, part: Part, index: int) -> Claim:
    prefix = "t" if part == "title" else "c"
    return claim.model_copy(update={
        "id": f"{prefix}{index}",
        "part": part,
        "quantities": _in_part(claim.quantities, part),
        "hedge_spans": _in_part(claim.hedge_spans, part),
        "polarity_cues": _in_part(claim.polarity_cues, part),
    })


def _entities(doc: Doc | None, part: Part) -> list[Entity]:
    if doc is None:
        return []
    text = doc_text(doc)  # a slice of the text the components have read already, not Span.text rebuilt
    return [Entity(text=text[e.start_char:e.end_char], label=e.label_, start=e.start_char, end=e.end_char, part=part)
            for e in doc.ents]


def parse_published(value: str | date | None) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        raise SelonError(str(value), "publication date is not YYYY-MM-DD") from None


def build_analysis(article: Article, lang: str, title_doc: Doc | None, body_doc: Doc) -> Analysis:
    """Assemble the Analysis from the two parsed parts. Pure: no I/O, no global state."""
    data = langdata.load(lang)
    published = parse_published(article.published)
    title_claims = [_with_part(c, "title", i) for i, c in enumerate(title_doc._.selon_claims or [])] if title_doc is not None else []
    body_claims = [_with_part(c, "body", i) for i, c in enumerate(body_doc._.selon_claims or [])]
    time_exprs = []
    for doc, part in ((title_doc, "title"), (body_doc, "body")):
        if doc is not None:
            time_exprs += _in_part(times.resolve(doc._.selon_times or [], published), part)
    verdict = None
    if title_doc is not None:
        verdict = headline.compare(title_doc, title_claims, body_doc, body_claims, data)
    return assemble(article, lang, published, title_claims + body_claims, verdict,
                    _entities(title_doc, "title") + _entities(body_doc, "body"), time_exprs)


def assemble(article: Article, lang: str, published: date | None, claims: list[Claim],
             verdict, entities: list[Entity], time_exprs: list, parser: str = "spacy") -> Analysis:
    """The Analysis of an article from its parts; the source table and profile follow from the claims."""
    return Analysis(
        id=article.id, language=lang, outlet=article.outlet, url=article.url,
        published=published.isoformat() if published else None, title=article.title, text=article.text,
        claims=claims, headline=verdict, entities=entities, times=time_exprs,
        sources=source_table(claims), profile=profile(claims), parser=parser,
    )


def check_article(article: Article, name: str = "input") -> None:
    """Refuse input no analysis can be made of, naming the problem."""
    if not article.text or not article.text.strip():
        raise SelonError(name, "empty article body")
    if len(article.text) + len(article.title or "") > MAX_CHARS:
        raise SelonError(name, f"article is over {MAX_CHARS // 1_000_000} MB of text")
    if "\x00" in article.text:
        raise SelonError(name, "binary data, not text")


class Analyzer:
    """Holds one spaCy pipeline per language, loaded on first use."""

    def __init__(self) -> None:
        self._pipelines: dict[str, Language] = {}

    def pipeline(self, lang: str) -> Language:
        if lang not in self._pipelines:
            self._pipelines[lang] = load_pipeline(lang)
        return self._pipelines[lang]

    def language_of(self, article: Article, name: str = "input") -> str:
        if article.language:
            lang = article.language.lower()[:2]
            if lang not in langdata.parsed_languages():
                raise SelonError(name, f"unsupported language {article.language!r} "
                                       f"(supported: {', '.join(langdata.parsed_languages())})")
            return lang
        lang, _ = langdata.detect_language(f"{article.title or ''}\n{article.text}", langdata.parsed_languages())
        if lang is None:
            raise SelonError(name, "unsupported or unrecognised language "
                                   f"(supported: {', '.join(langdata.parsed_languages())}; use --lang)")
        return lang

    def analyze_article(self, article: Article, name: str = "input") -> Analysis:
        check_article(article, name)
        lang = self.language_of(article, name)
        nlp = self.pipeline(lang)
        title_doc = nlp(make_part_doc(nlp, article.title, "title")) if article.title and article.title.strip() else None
        return build_analysis(article, lang, title_doc, nlp(make_part_doc(nlp, article.text, "body")))

    def analyze_many(self, articles: Iterable[tuple[str, Article]], batch_size: int = 8,
                     n_process: int = 1) -> Iterator[tuple[str, Analysis | SelonError]]:
        """Analyze (name, article) pairs, batching per language with `nlp.pipe`.

        With `n_process` > 1 the batches go to a pool of worker processes that live for the
        whole stream and share models loaded once (`selon.pool`), so parsing overlaps with whatever the caller
        does with the results. Results come in input order within a language; a bad article
        never stops the others.
        """
        batches = self._batches(articles, batch_size)
        if n_process <= 1:
            for batch in batches:
                if isinstance(batch, tuple):
                    yield batch
                else:
                    yield from self._run_batch(*batch, batch_size)
            return
        yield from pooled(batches, batch_size, n_process)

    def _batches(self, articles: Iterable[tuple[str, Article]], batch_size: int):
        """Same-language batches [lang, items]; refused articles pass through as (name, error)."""
        pending: dict[str, list[tuple[str, Article]]] = {}
        for name, article in articles:
            try:
                check_article(article, name)
                lang = self.language_of(article, name)
            except SelonError as err:
                yield name, err
                continue
            pending.setdefault(lang, []).append((name, article))
            if len(pending[lang]) >= batch_size:
                yield [lang, pending.pop(lang)]
        for lang, items in pending.items():
            yield [lang, items]

    def _run_batch(self, lang: str, items: list[tuple[str, Article]],
                   batch_size: int) -> Iterator[tuple[str, Analysis | SelonError]]:
        nlp = self.pipeline(lang)
        # Titles and bodies go through one stream so that nlp.pipe batches them together.
        has_title = [bool(article.title and article.title.strip()) for _, article in items]
        inputs = []
        for (_, article), titled in zip(items, has_title):
            inputs.append(make_part_doc(nlp, article.title if titled else "", "title"))
            inputs.append(make_part_doc(nlp, article.text, "body"))
        try:
            docs = list(nlp.pipe(inputs, batch_size=batch_size))
        except Exception:  # noqa: BLE001 - one bad article must not sink its batch: redo them one by one
            yield from self._run_one_by_one(lang, items)
            return
        for i, (name, article) in enumerate(items):
            title_doc = docs[2 * i] if has_title[i] else None
            yield name, _guarded(name, lambda: build_analysis(article, lang, title_doc, docs[2 * i + 1]))

    def _run_one_by_one(self, lang: str, items: list[tuple[str, Article]]) -> Iterator[tuple[str, Analysis | SelonError]]:
        for name, article in items:
            yield name, _guarded(name, lambda: self.analyze_article(article.model_copy(update={"language": lang}), name))


def _guarded(name: str, work) -> Analysis | SelonError:
    """Run one article's analysis; an unexpected failure becomes an error naming the article."""
    try:
        return work()
    except SelonError as err:
        return err
    except Exception as exc:  # noqa: BLE001
        return SelonError(name, f"analysis failed ({exc.__class__.__name__}: {exc})")


_default: Analyzer | None = None


def analyze(text: str, title: str | None = None, lang: str | None = None,
            published: str | date | None = None, **meta) -> Analysis:
    """Analyze one article. `meta` may carry id, outlet and url."""
    global _default
    if _default is None:  # one pipeline cache per process, created on first call
        _default = Analyzer()
    article = Article(text=text, title=title, language=lang,
                      published=published.isoformat() if isinstance(published, date) else published, **meta)
    return _default.analyze_article(article)
