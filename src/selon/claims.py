"""Claims: who says what, citing whom, how sure. (placeholder, being written)"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from . import langdata
from .model import Claim

if not Doc.has_extension("selon_claims"):
    Doc.set_extension("selon_claims", default=None)


def find_claims(doc: Doc, data: langdata.LangData) -> list[Claim]:
    return []


class ClaimFinder:
    def __init__(self, lang: str):
        self.data = langdata.load(lang)

    def __call__(self, doc: Doc) -> Doc:
        doc._.selon_claims = find_claims(doc, self.data)
        return doc


@Language.factory("selon_claims", default_config={"lang": "fr"})
def make_claim_finder(nlp: Language, name: str, lang: str) -> ClaimFinder:
    return ClaimFinder(lang)
