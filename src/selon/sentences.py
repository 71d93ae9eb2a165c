"""Sentence bounds by punctuation, for text that has no parser (fallback) or no parse at hand
(the ledger, which stores each claim's sentence)."""

from __future__ import annotations

import re

# A sentence ends at . ! ? … (with closing quotes or brackets) followed by a space, or at a line
# break. A lone letter before the full stop is an initial ("J. Smith"), not a sentence end.
_SENTENCE_END = re.compile(r"(?<!\b[^\W\d_])[.!?…]+[\"'»”)\]]*(?=\s)|\n")


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def _ends(text: str, start: int = 0, end: int | None = None, ordinal_dot: bool = False):
    """Sentence ends, skipping a full stop before a lower-case word ("2 тыс. человек") and,
    where a figure with a full stop is an ordinal ("die 20. Division"), after digits."""
    for m in _SENTENCE_END.finditer(text, start, len(text) if end is None else end):
        if m.group() != "\n":
            follow = text[m.end():m.end() + 40].lstrip()
            if follow[:1].islower():
                continue
            if ordinal_dot and m.group() == "." and text[m.start() - 1:m.start()].isdigit():
                continue
        yield m


def sentence_spans(text: str, ordinal_dot: bool = False) -> list[tuple[int, int]]:
    """(start, end) of every non-empty sentence, end punctuation included."""
    spans, s = [], 0
    for m in _ends(text, ordinal_dot=ordinal_dot):
        e = m.start() if m.group() == "\n" else m.end()
        spans.append(_trim(text, s, e))
        s = m.end()
    spans.append(_trim(text, s, len(text)))
    return [(s, e) for s, e in spans if e > s]


def sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """Offsets of the sentence of `text` that holds the span [start, end)."""
    s = 0
    for m in _ends(text, 0, max(start, 0)):
        s = m.end()
    e = len(text)
    # From end - 1: the span may end on the sentence's own full stop.
    m = next(_ends(text, max(end - 1, start)), None)
    if m:
        e = m.start() if m.group() == "\n" else m.end()
    return _trim(text, s, e)
