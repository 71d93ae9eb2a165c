"""Figures: numbers with their qualifiers, bounds and counted noun. (placeholder, being written)"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from . import langdata
from .model import Quantity

if not Doc.has_extension("selon_quantities"):
    Doc.set_extension("selon_quantities", default=None)


def find_quantities(doc: Doc, data: langdata.LangData) -> list[Quantity]:
    return []


class QuantityFinder:
    def __init__(self, lang: str):
        self.data = langdata.load(lang)

    def __call__(self, doc: Doc) -> Doc:
        doc._.selon_quantities = find_quantities(doc, self.data)
        return doc


@Language.factory("selon_quantities", default_config={"lang": "fr"})
def make_quantity_finder(nlp: Language, name: str, lang: str) -> QuantityFinder:
    return QuantityFinder(lang)
