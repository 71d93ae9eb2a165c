"""Time expressions, resolved against the publication date when known. (placeholder, being written)"""

from __future__ import annotations

from datetime import date
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from . import langdata
from .model import TimeExpr

if not Doc.has_extension("selon_times"):
    Doc.set_extension("selon_times", default=None)


def find_times(doc: Doc, data: langdata.LangData) -> list[Any]:
    return []


def resolve(mentions: list[Any], published: date | None) -> list[TimeExpr]:
    return []


class TimeFinder:
    def __init__(self, lang: str):
        self.data = langdata.load(lang)

    def __call__(self, doc: Doc) -> Doc:
        doc._.selon_times = find_times(doc, self.data)
        return doc


@Language.factory("selon_times", default_config={"lang": "fr"})
def make_time_finder(nlp: Language, name: str, lang: str) -> TimeFinder:
    return TimeFinder(lang)
