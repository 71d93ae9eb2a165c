"""A small French article written for the web tests, and its Analysis built by hand.

The pages must show whatever an Analysis says at the offsets it gives, so the page tests use
an Analysis whose every span is known (built here from substrings) rather than depending on
what the extractors find today.
"""

from __future__ import annotations

from selon.ledger import Ledger, content_hash
from selon.model import Analysis, ChainLink, Claim, Cue, Headline, HeadlineReason, Hedge, Quantity
from selon.profile import profile, source_table

TITLE = "2 000 médecins ont quitté l'hôpital public"
BODY = (
    "Selon le syndicat Action Praticiens, près de 2 000 médecins auraient quitté l'hôpital public en 2023.\n"
    "Le ministère de la Santé affirme que ce chiffre pourrait être surestimé.\n"
    "D'après un rapport de la Cour des comptes, cité par Le Figaro, plus de 30 % des postes seraient vacants.\n"
    "Le directeur de l'hôpital de Lyon a dit que son service n'a pas perdu de médecins."
)


def span(text: str, needle: str, after: str = "") -> tuple[int, int]:
    """(start, end) of `needle` in `text`, searched from the end of `after` when given."""
    base = text.index(after) + len(after) if after else 0
    start = text.index(needle, base)
    return start, start + len(needle)


def _link(source: str, kind: str, cue: str, after: str = "", rule: str = "test_pattern") -> ChainLink:
    s, e = span(BODY, source, after)
    cs, ce = span(BODY, cue, after)
    return ChainLink(source=source, kind=kind, cue=cue, start=s, end=e, cue_start=cs, cue_end=ce,
                     rule=rule, kind_rule=f"{kind}_test")


def _claim(cid: str, text: str, part: str = "body", **fields) -> Claim:
    s, e = span(TITLE if part == "title" else BODY, text)
    return Claim(id=cid, part=part, text=text, start=s, end=e, **fields)


def _hedge(word: str, level: str, after: str) -> Hedge:
    s, e = span(BODY, word, after)
    return Hedge(text=word, start=s, end=e, level=level, rule=f"{level}_test")


def _quantity(text: str, part: str = "body", **fields) -> Quantity:
    s, e = span(TITLE if part == "title" else BODY, text)
    return Quantity(text=text, start=s, end=e, part=part, **fields)


def medecins_analysis() -> Analysis:
    """The hand-built analysis of TITLE / BODY: four body claims, one title claim, a verdict."""
    claims = [
        _claim("t0", "2 000 médecins ont quitté l'hôpital public", part="title",
               quantities=[_quantity("2 000 médecins", part="title", value=2000, unit="médecin")]),
        _claim("c0", "près de 2 000 médecins auraient quitté l'hôpital public en 2023",
               chain=[_link("le syndicat Action Praticiens", "organization", "Selon")],
               certainty="probable", hedges=["auraient"], certainty_rule="reported_conditional",
               hedge_spans=[_hedge("auraient", "probable", "")],
               quantities=[_quantity("près de 2 000 médecins", value=2000, approximate=True,
                                     unit="médecin", qualifier="près de")]),
        _claim("c1", "ce chiffre pourrait être surestimé",
               chain=[_link("Le ministère de la Santé", "government", "affirme")],
               certainty="possible", hedges=["pourrait"], certainty_rule="modal_possible",
               hedge_spans=[_hedge("pourrait", "possible", "Le ministère")]),
        _claim("c2", "plus de 30 % des postes seraient vacants",
               chain=[_link("Le Figaro", "media", "cité par"),
                      _link("un rapport de la Cour des comptes", "document", "D'après")],
               certainty="probable", hedges=["seraient"], certainty_rule="reported_conditional",
               hedge_spans=[_hedge("seraient", "probable", "Le Figaro")],
               quantities=[_quantity("plus de 30 %", value=30, low=30, unit="%", qualifier="plus de")]),
        _claim("c3", "son service n'a pas perdu de médecins",
               chain=[_link("Le directeur de l'hôpital de Lyon", "person", "a dit")],
               polarity="negative",
               polarity_cues=[Cue(text="n'a pas", start=span(BODY, "n'a pas")[0], end=span(BODY, "n'a pas")[1],
                                  rule="negation_test")]),
    ]
    cue_start, cue_end = span(TITLE, "ont quitté")
    headline = Headline(
        verdict="overstated", reasons=["certainty_upgrade"],
        evidence=[HeadlineReason(reason="certainty_upgrade", detail="the body hedges it (auraient); the title states it",
                                 title_cues=[Cue(text="ont quitté", start=cue_start, end=cue_end, part="title",
                                                 rule="indicative_title")],
                                 body_claims=["c0"])],
        title_claims=["t0"], supporting=["c0"])
    return Analysis(id="medecins", language="fr", outlet="Exemple Hebdo", published="2024-02-01",
                    title=TITLE, text=BODY, claims=claims, headline=headline,
                    sources=source_table(claims), profile=profile(claims))


def store(path, *analyses: Analysis) -> list[str]:
    """Write analyses to a ledger file; their content hashes, in order."""
    hashes = []
    with Ledger.open(path) as ledger:
        for analysis in analyses:
            article_hash = content_hash(analysis.title, analysis.text)
            ledger.add(analysis, article_hash, article_id=analysis.id, source_name="test")
            hashes.append(article_hash)
    return hashes


# --- a small story for the ledger and trace pages: one figure told by three outlets ----------

def _story_article(article_id: str, outlet: str, published: str, language: str, text: str, claim_text: str,
                   figure: str, certainty: str, hedges: list[str], chain: list[tuple[str, str, str]],
                   place: str, **figure_fields) -> Analysis:
    from selon.model import Entity

    links = []
    for source, kind, cue in chain:
        s, e = span(text, source)
        cs, ce = span(text, cue)
        links.append(ChainLink(source=source, kind=kind, cue=cue, start=s, end=e, cue_start=cs, cue_end=ce,
                               rule="test_pattern"))
    fs, fe = span(text, figure)
    cs, ce = span(text, claim_text)
    hedge_spans = [Hedge(text=h, start=span(text, h)[0], end=span(text, h)[1], level=certainty, rule="test")
                   for h in hedges]
    claim = Claim(id="c0", part="body", text=claim_text, start=cs, end=ce, chain=links, certainty=certainty,
                  hedges=hedges, hedge_spans=hedge_spans,
                  quantities=[Quantity(text=figure, start=fs, end=fe, **figure_fields)])
    ps, pe = span(text, place)
    return Analysis(id=article_id, language=language, outlet=outlet, published=published, text=text,
                    claims=[claim], entities=[Entity(text=place, label="LOC", start=ps, end=pe)],
                    sources=source_table([claim]), profile=profile([claim]))


def desertion_story() -> list[Analysis]:
    """Three reports of one figure: Newsweek cites officials, Le Journal cites Newsweek, and
    Blog Info drops the hedge and the bound while citing Le Journal."""
    return [
        _story_article(
            "nw-1", "Newsweek", "2024-11-02", "en",
            "According to Ukrainian officials, more than 1,000 soldiers reportedly deserted a unit based in Volgograd.",
            "more than 1,000 soldiers reportedly deserted a unit based in Volgograd", "more than 1,000 soldiers",
            "probable", ["reportedly"], [("Ukrainian officials", "government", "According to")], "Volgograd",
            value=1000, low=1000, unit="soldier", qualifier="more than"),
        _story_article(
            "lj-1", "Le Journal", "2024-11-04", "fr",
            "Selon Newsweek, plus de 1 000 soldats auraient déserté une unité stationnée à Volgograd.",
            "plus de 1 000 soldats auraient déserté une unité stationnée à Volgograd", "plus de 1 000 soldats",
            "probable", ["auraient"], [("Newsweek", "media", "Selon")], "Volgograd",
            value=1000, low=1000, unit="soldat", qualifier="plus de"),
        _story_article(
            "bi-1", "Blog Info", "2024-11-06", "fr",
            "1 000 soldats ont déserté à Volgograd, rapporte Le Journal.",
            "1 000 soldats ont déserté à Volgograd", "1 000 soldats",
            "certain", [], [("Le Journal", "media", "rapporte")], "Volgograd",
            value=1000, unit="soldat"),
    ]
