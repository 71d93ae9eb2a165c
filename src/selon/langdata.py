"""Per-language knowledge, read from `lang/<code>.toml`.

A language is a data file: reporting verbs, hedge cues, number words, qualifiers, source
lexicons and, when spaCy has a pipeline for it, the model name. Code never branches on a
language code; it reads these tables.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from .errors import SelonError


@dataclass(frozen=True)
class LangData:
    code: str
    name: str
    model: str | None
    function_words: frozenset[str]
    tables: dict[str, Any] = field(repr=False)

    def section(self, name: str) -> dict[str, Any]:
        """A top-level table of the file (`attribution`, `certainty`, `quantities`...), or {}."""
        return self.tables.get(name, {})

    def words(self, section: str, key: str) -> list[str]:
        return list(self.section(section).get(key, []))


def _lang_dir():
    return resources.files("selon").joinpath("lang")


@lru_cache(maxsize=None)
def available() -> tuple[str, ...]:
    """Codes of every language with a data file, sorted."""
    return tuple(sorted(p.name[:-5] for p in _lang_dir().iterdir() if p.name.endswith(".toml")))


def parsed_languages() -> tuple[str, ...]:
    """Languages that have a spaCy pipeline (full analysis); the others get the lexicon fallback."""
    return tuple(c for c in available() if load(c).model)


@lru_cache(maxsize=None)
def load(code: str) -> LangData:
    if code not in available():
        raise SelonError(code, f"unsupported language (supported: {', '.join(available())})")
    raw = tomllib.loads(_lang_dir().joinpath(f"{code}.toml").read_text(encoding="utf-8"))
    meta = raw.get("language", {})
    return LangData(
        code=code,
        name=meta.get("name", code),
        model=meta.get("model") or None,
        function_words=frozenset(w.lower() for w in meta.get("function_words", [])),
        tables=raw,
    )


_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def detect_language(text: str, candidates: tuple[str, ...] | None = None) -> tuple[str | None, float]:
    """Guess the language from function-word frequencies; returns (code, share of words matched).

    A share under 0.05 means no candidate language is recognised (code is None).
    """
    words = [w.lower() for w in _WORD.findall(text[:20000])]
    if not words:
        return None, 0.0
    best, best_share = None, 0.0
    for code in candidates or available():
        fw = load(code).function_words
        if not fw:
            continue
        share = sum(1 for w in words if w in fw) / len(words)
        if share > best_share:
            best, best_share = code, share
    if best_share < 0.05:
        return None, best_share
    return best, best_share
