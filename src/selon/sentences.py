"""Sentence bounds by punctuation, for text that has no parser (fallback) or no parse at hand
(the ledger, which stores each claim's sentence)."""

from __future__ import annotations

import re
from bisect import bisect_right

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
    return SentenceIndex(text).around(start, end)


class SentenceIndex:
    """The sentence ends of one text, found once, for the sentence around many spans: a
    long article with many claims is scanned once, not once per claim."""

    def __init__(self, text: str):
        self.text = text
        ends = list(_ends(text))
        self._closes = [m.start() if m.group() == "\n" else m.end() for m in ends]
        self._resumes = [m.end() for m in ends]
        # A span starting at or after this offset lies past the end: a line break counts from
        # its own offset, a full stop only once the space after it is passed.
        self._after = [m.end() if m.group() == "\n" else m.end() + 1 for m in ends]

    def around(self, start: int, end: int) -> tuple[int, int]:
        # The sentence opens after the last end before `start` and closes at the first end
        # after `end - 1` (the span may end on the sentence's own full stop).
        i = bisect_right(self._after, max(start, 0)) - 1
        s = self._resumes[i] if i >= 0 else 0
        j = bisect_right(self._resumes, max(end - 1, start))
        e = self._closes[j] if j < len(self._closes) else len(self.text)
        return _trim(self.text, s, e)
