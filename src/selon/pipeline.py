"""Build the spaCy pipeline of one language: the model from PyPI plus selon's components.

Each selon component is a small class registered with a spaCy factory; its results live in
`Doc` extension attributes (`doc._.selon_quantities`, `doc._.selon_times`,
`doc._.selon_claims`) so that `nlp.pipe(..., n_process=N)` carries them across processes.
"""

from __future__ import annotations

import pickle

import spacy
import srsly
from spacy.language import Language
from spacy.tokens import Doc

from . import langdata
from .errors import SelonError

_TAG = "__selon_pickle__"


def _encode_selon_objects(obj, chain=None):
    # nlp.pipe(n_process=N) ships Docs between processes as msgpack; selon's extension values
    # (pydantic models, dataclasses) are not msgpack types, so they travel pickled.
    if type(obj).__module__.startswith("selon."):
        return {_TAG: pickle.dumps(obj)}
    return obj if chain is None else chain(obj)


def _decode_selon_objects(obj, chain=None):
    if isinstance(obj, dict) and _TAG in obj:
        return pickle.loads(obj[_TAG])
    return obj if chain is None else chain(obj)


srsly.msgpack_encoders.register("selon", func=_encode_selon_objects)
srsly.msgpack_decoders.register("selon", func=_decode_selon_objects)

# Which part of the article a Doc holds: set by the caller on `nlp.make_doc(...)` before the
# pipeline runs, so components can treat a title as a title.
if not Doc.has_extension("selon_part"):
    Doc.set_extension("selon_part", default="body")


def make_part_doc(nlp: Language, text: str, part: str) -> Doc:
    doc = nlp.make_doc(text)
    doc._.selon_part = part
    doc.user_data["selon.text"] = text  # the tokenizer keeps every character: doc.text == text
    return doc


def doc_text(doc: Doc) -> str:
    """`doc.text`, read once per Doc: spaCy rebuilds it from every token at each access, and
    each selon component needs it."""
    text = doc.user_data.get("selon.text")
    if text is None:
        text = doc.user_data["selon.text"] = doc.text
    return text


# Order matters: claims take the quantities found inside their span.
COMPONENTS = ("selon_quantities", "selon_times", "selon_claims")


def load_model(lang: str) -> Language:
    """The bare spaCy pipeline of a language (what `selon bench` compares against)."""
    data = langdata.load(lang)
    if not data.model:
        raise SelonError(lang, "no spaCy pipeline for this language (only the lexicon fallback)")
    try:
        return spacy.load(data.model)
    except OSError as exc:
        raise SelonError(data.model, f"spaCy pipeline is not installed ({exc.__class__.__name__}); "
                         "reinstall selon with its pinned model packages") from None


def load_pipeline(lang: str) -> Language:
    """The bare model with selon's components added."""
    # Importing the modules registers their factories.
    from . import claims, quantities, times  # noqa: F401

    nlp = load_model(lang)
    for name in COMPONENTS:
        nlp.add_pipe(name, config={"lang": lang})
    return nlp
