"""Time expressions, resolved against the publication date when known.

`find_times` reads the text with patterns built from the `[times]` table of the language
and returns `TimeMention`s: what was written and what it means ("septembre dernier" = month
9, the last one before the publication date). `resolve` turns mentions into `TimeExpr`s:
absolute dates get their ISO value directly; relative ones get it from the publication
date, or keep `value=None` (with `relative=True`) when it is unknown.

Resolution rules (the `rule` of each TimeExpr):
- `date`, `month_year`, `year`, `year_span` ("2017-18": its first year), `season_year`:
  absolute, written in full.
- `day_month`, `month`, `weekday`, `season`: the occurrence nearest the publication date
  (a tie goes to the past), or, with a word such as "dernier"/"last", the last one before
  it, with "prochain"/"next" the first one after it. When the verb that governs the phrase
  is in a past tense ("a démissionné mardi", "said on Thursday"), the last one not after
  the publication date. A season counts for the year it starts in ("l'hiver dernier"
  published in March 2024 is the winter of 2023).
- `relative` ("l'an dernier", "yesterday") and `ago` ("il y a trois ans", "three years
  ago"): the publication date shifted by the amount, at the granularity of the unit
  (weeks resolve to a day).
Prepositions ("en", "in", "on", "le") are not part of the span.
"""

from __future__ import annotations

import re
from calendar import monthrange
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import lru_cache
from typing import Optional

from spacy.language import Language
from spacy.tokens import Doc

from .pipeline import doc_text
from . import langdata, quantities
from .model import TimeExpr

if not Doc.has_extension("selon_times"):
    Doc.set_extension("selon_times", default=None)

_NEAREST, _LAST, _NEXT, _THIS, _PAST = "nearest", "last", "next", "this", "past"
# How many steps up the parse a time word may sit from the verb that tells its tense.
_VERB_DISTANCE = 6


@dataclass(frozen=True)
class TimeMention:
    """A time phrase as written, with what is needed to resolve it (picklable)."""

    text: str
    start: int
    end: int
    rule: str
    year: Optional[int] = None
    month: Optional[int] = None
    day: Optional[int] = None
    weekday: Optional[int] = None
    season: Optional[tuple[int, ...]] = None
    anchor: str = _NEAREST          # nearest | last | next | this | past (a past-tense verb governs it)
    unit: Optional[str] = None      # year | month | week | day, for shifts
    shift: int = 0

    @property
    def relative(self) -> bool:
        return self.rule not in ("date", "month_year", "year", "year_span", "season_year")


# ---------------------------------------------------------------------------------------
# Patterns


def _alt(phrases, case_sensitive: bool = False) -> str:
    return quantities._alternation(phrases, case_sensitive)


@dataclass(frozen=True)
class _Patterns:
    months: dict
    weekdays: dict
    seasons: dict
    ambiguous: frozenset
    anchors: dict          # word key -> anchor
    units: dict
    relative: dict
    order: str
    years: tuple
    entity_labels: frozenset
    context_before: re.Pattern
    decade_before: re.Pattern
    articles: frozenset    # keys of the words that count one ("un", "a")
    rules: tuple           # (rule name, compiled regex, opener classes), in priority order
    ago_before: re.Pattern
    ago_after: re.Pattern
    later_before: re.Pattern
    later_after: re.Pattern
    opening: re.Pattern    # where the rules may match (see `quantities._openings`)


def _key(s: str) -> str:
    return quantities._key(s)


@lru_cache(maxsize=None)
def _patterns_for(code: str) -> _Patterns:
    return compile_patterns(langdata.load(code))


def patterns(data: langdata.LangData) -> _Patterns:
    if data.code in langdata.available() and data is langdata.load(data.code):
        return _patterns_for(data.code)
    return compile_patterns(data)


def compile_patterns(data: langdata.LangData) -> _Patterns:
    t = data.section("times")
    q = data.section("quantities")
    cs = bool(t.get("names_capitalized"))
    months = {_key(k): v for k, v in t.get("months", {}).items()}
    weekdays = {_key(k): v for k, v in t.get("weekdays", {}).items()}
    seasons = {_key(k): tuple(v) for k, v in t.get("seasons", {}).items()}
    anchors = {}
    for words, anchor in ((t.get("last_after", []) + t.get("last_before", []), _LAST),
                          (t.get("next_after", []) + t.get("next_before", []), _NEXT),
                          (t.get("this_before", []), _THIS)):
        for w in words:
            anchors[_key(w)] = anchor
    month = _alt(t.get("months", {}), cs)
    weekday = _alt(t.get("weekdays", {}), cs)
    season = _alt(t.get("seasons", {}))
    after = _alt(t.get("last_after", []) + t.get("next_after", []))
    before = _alt(t.get("last_before", []) + t.get("next_before", []) + t.get("this_before", []))
    mod = _alt(t.get("period_modifiers", []))
    relative = _alt(t.get("relative_phrases", {}))
    prefix = _alt(t.get("month_prefixes", []))
    suffix = _alt(t.get("day_suffixes", []))
    link = _alt(t.get("day_range_links", []))
    day = rf"(?<![\w.,])(?P<day>\d{{1,2}})(?:{suffix})?(?![\d\w])"
    year = r"(?<![\w.,])(?P<year>\d{4})(?![\w%])"
    wd = rf"(?:(?:{before}\s+)?(?P<wd>{weekday}),?\s+)?"  # "ce vendredi 27 février"
    year_tail = rf"(?:,?\s+{year})?"
    B = r"(?<![\w-])"  # an elided article may precede: "l'été", "d'août"
    E = r"(?![\w-])"
    # (name, regex, what a match begins with: a digit or a word of these classes of `openers`
    # below, right after a non-word character). The rules are tried only where those begin.
    rules = [
        ("iso", rf"(?<![\w/.-])(?P<year>\d{{4}})-(?P<m>\d{{2}})-(?P<day>\d{{2}})(?![\w/-])", ("digit",)),
        ("numeric", r"(?<![\w/.])(?P<a>\d{1,2})[/.](?P<b>\d{1,2})[/.](?P<year>\d{4})(?![\w/])", ("digit",)),
        ("dmy", rf"{B}{wd}{day}\s+(?:{prefix}\s*)?(?P<month>{month}){E}{year_tail}(?:\s+(?P<after>{after}){E})?",
         ("before", "weekday", "digit")),
        ("day_span", rf"{day}\s*(?:{link})\s*(?=\d{{1,2}}(?:{suffix})?\s+(?P<month>{month}){E}{year_tail})",
         ("digit",)),
    ]
    if t.get("month_before_day"):
        rules += [
            ("mdy", rf"{B}{wd}(?P<month>{month})\s+{day}{year_tail}", ("before", "weekday", "month")),
            ("mdy_span", rf"(?<=\s)(?P<month>{month})\s+\d{{1,2}}(?:{suffix})?\s*(?:{link})\s*{day}{year_tail}",
             ("month",)),
        ]
    rules += [
        ("month_year", rf"{B}(?:(?P<mod>{mod})\s*)?(?:{prefix}\s*)?(?P<month>{month}){E},?\s+{year}",
         ("mod", "prefix", "month")),
        ("month_after", rf"{B}(?:{prefix}\s*)?(?P<month>{month})\s+(?P<after>{after}){E}", ("prefix", "month")),
        ("month_before", rf"{B}(?P<before>{before})\s+(?P<month>{month}){E}", ("before",)),
        ("weekday_after", rf"{B}(?P<wd>{weekday})\s+(?P<after>{after}){E}", ("weekday",)),
        ("weekday_before", rf"{B}(?P<before>{before})\s+(?P<wd>{weekday}){E}", ("before",)),
        ("season_after", rf"{B}(?P<season>{season})\s+(?P<after>{after}){E}", ("season",)),
        ("season_before", rf"{B}(?P<before>{before})\s+(?P<season>{season}){E}", ("before",)),
        ("season_year", rf"{B}(?P<season>{season})\s+{year}", ("season",)),
        ("relative", rf"{B}(?P<phrase>{relative}){E}", ("relative",)),
        ("month", rf"{B}(?:(?P<mod>{mod})\s*)?(?:{prefix}\s*)?(?P<month>{month}){E}", ("mod", "prefix", "month")),
        ("weekday", rf"{B}(?P<wd>{weekday}){E}", ("weekday",)),
        ("year", rf"(?:{B}(?P<mod>{mod})\s*)?{year}(?:\s*[-–/]\s*(?P<year2>\d{{4}}|\d{{2}})(?![\w%]))?",
         ("mod", "digit")),
    ]
    unit = rf"(?P<unit>{_alt(t.get('duration_units', {}))})"
    amount = r"(?P<amount>[\w,.'’\u00a0\u202f -]{1,30}?)"
    cues = {k: _alt(t.get(k, [])) for k in ("ago_before", "ago_after", "later_before", "later_after")}
    # The classes of words a rule's match may begin with, besides digits, as (words, case
    # sensitive); the cues written after the amount ("ago") only tell whether to look for their
    # shifts at all.
    openers = {
        "month": (list(t.get("months", {})), cs), "weekday": (list(t.get("weekdays", {})), cs),
        "season": (list(t.get("seasons", {})), False),
        "before": (t.get("last_before", []) + t.get("next_before", []) + t.get("this_before", []), False),
        "mod": (t.get("period_modifiers", []), False), "prefix": (t.get("month_prefixes", []), False),
        "relative": (list(t.get("relative_phrases", {})), False),
        **{k: (t.get(k, []), False) for k in cues},
    }
    return _Patterns(
        months=months, weekdays=weekdays, seasons=seasons,
        ambiguous=frozenset(_key(m) for m in t.get("ambiguous_months", [])),
        anchors=anchors,
        units={_key(k): v for k, v in t.get("duration_units", {}).items()},
        relative={_key(k): (v[0], int(v[1])) for k, v in t.get("relative_phrases", {}).items()},
        order=t.get("numeric_date_order", "dmy"),
        years=tuple(q.get("year_range", [1000, 2100])),
        entity_labels=frozenset(t.get("name_entity_labels", [])),
        context_before=re.compile(rf"(?<![\w'’])(?:{_alt(t.get('month_context_before', []))})\s*$", re.I),
        decade_before=re.compile(rf"(?<!\w){_alt(t.get('decade_words', []))}\s+$", re.I),
        articles=frozenset(_key(a) for a in q.get("article_numbers", [])),
        rules=tuple((name, re.compile(p, re.I), classes) for name, p, classes in rules),
        ago_before=re.compile(rf"{B}(?P<cue>{cues['ago_before']})\s+{amount}\s+{unit}{E}", re.I),
        ago_after=re.compile(rf"\s+{unit}\s+(?P<cue>{cues['ago_after']}){E}", re.I),
        later_before=re.compile(rf"{B}(?P<cue>{cues['later_before']})\s+{amount}\s+{unit}{E}", re.I),
        later_after=re.compile(rf"\s+{unit}\s+(?P<cue>{cues['later_after']}){E}", re.I),
        opening=quantities._opening(openers),
    )


# ---------------------------------------------------------------------------------------
# Finding


def _year_ok(p: _Patterns, y: str | None) -> bool:
    return y is not None and p.years[0] <= int(y) <= p.years[1]


def _anchor(p: _Patterns, m: re.Match) -> str:
    for g in ("after", "before"):
        if g in m.re.groupindex and m.group(g):
            return p.anchors.get(_key(m.group(g)), _NEAREST)
    return _NEAREST


def _mention(name: str, m: re.Match, text: str, p: _Patterns, data: langdata.LangData) -> TimeMention | None:
    g = m.groupdict()
    s, e = m.start(), m.end()
    span = dict(text=text[s:e], start=s, end=e)
    year = int(g["year"]) if g.get("year") and _year_ok(p, g["year"]) else None
    if g.get("year") and year is None:
        return None
    month = p.months.get(_key(g["month"])) if g.get("month") else None
    wd = p.weekdays.get(_key(g["wd"])) if g.get("wd") else None
    if name == "iso":
        return _checked(TimeMention(rule="date", year=year, month=int(g["m"]), day=int(g["day"]), **span))
    if name == "numeric":
        a, b = int(g["a"]), int(g["b"])
        d, mo = (a, b) if p.order == "dmy" else (b, a)
        return _checked(TimeMention(rule="date", year=year, month=mo, day=d, **span))
    if name in ("dmy", "day_span", "mdy", "mdy_span"):
        if name == "day_span" or name == "mdy_span":
            s, e = m.start("day"), m.end("day")
            span = dict(text=text[s:e], start=s, end=e)
        rule = "date" if year else "day_month"
        return _checked(TimeMention(rule=rule, year=year, month=month, day=int(g["day"]), weekday=wd,
                                    anchor=_anchor(p, m), **span))
    if name == "month_year":
        return TimeMention(rule="month_year", year=year, month=month, **span)
    if name in ("month_after", "month_before"):
        return TimeMention(rule="month", month=month, anchor=_anchor(p, m), **span)
    if name in ("weekday_after", "weekday_before"):
        return TimeMention(rule="weekday", weekday=wd, anchor=_anchor(p, m), **span)
    if name in ("season_after", "season_before"):
        return TimeMention(rule="season", season=p.seasons[_key(g["season"])], anchor=_anchor(p, m), **span)
    if name == "season_year":
        return TimeMention(rule="season_year", year=year, season=p.seasons[_key(g["season"])], **span)
    if name == "relative":
        unit, shift = p.relative[_key(g["phrase"])]
        return TimeMention(rule="relative", unit=unit, shift=shift, **span)
    if name == "month":
        word = _key(g["month"])
        if word in p.ambiguous and not g.get("mod") and not p.context_before.search(text, max(0, s - 20), s):
            return None  # "Mars" the planet, "May" the name
        return TimeMention(rule="month", month=month, **span)
    if name == "weekday":
        return TimeMention(rule="weekday", weekday=wd, **span)
    if name == "year":
        return _year(m, text, p, data, span)
    return None


def _checked(m: TimeMention) -> TimeMention | None:
    """A date that exists (no 31 June), or nothing."""
    if m.month is None or not 1 <= m.month <= 12:
        return None
    if m.day is not None and not 1 <= m.day <= (monthrange(m.year, m.month)[1] if m.year else 31):
        return None
    return m


_GLUED_BEFORE = re.compile(r"[^\W\d_]-$|\d[\s\u00a0\u202f]$")


def _year(m: re.Match, text: str, p: _Patterns, data: langdata.LangData, span: dict) -> TimeMention | None:
    s, e = m.start("year"), m.end("year")
    if _GLUED_BEFORE.search(text[max(0, s - 2):s]):
        return None  # "COVID-2019", the last group of "1 2000"
    if quantities.is_marked_figure(text, s, e, data):
        return None  # "plus de 2000", "2000 euros": a figure, not a year
    if p.decade_before.search(text[max(0, s - 12):s]) or text[e:e + 1] == "s":
        return None  # "les années 2000": a decade
    y2 = m.group("year2")
    if y2:
        full = int(y2) if len(y2) == 4 else int(m.group("year")[:2] + y2)
        if not int(m.group("year")) < full <= int(m.group("year")) + 10:
            span = dict(text=text[span["start"]:e], start=span["start"], end=e)
            return TimeMention(rule="year", year=int(m.group("year")), **span)
        return TimeMention(rule="year_span", year=int(m.group("year")), **span)
    return TimeMention(rule="year", year=int(m.group("year")), **span)


def _amount(words: str, p: _Patterns, data: langdata.LangData) -> int | None:
    if _key(words) in p.articles:
        return 1
    value = quantities.parse_number(words, data)
    return int(value) if isinstance(value, int) or (isinstance(value, float) and value.is_integer()) else None


def _shift(text: str, start: int, end: int, unit: str, amount: int, p: _Patterns) -> TimeMention:
    return TimeMention(text=text[start:end], start=start, end=end, rule="ago" if amount < 0 else "later",
                       unit=p.units[_key(unit)], shift=amount)


_AMOUNT_WORD = re.compile(r"[\w,.'’-]+")


def _shifts(text: str, p: _Patterns, data: langdata.LangData, at: dict[str, list[int]]) -> list[TimeMention]:
    """"il y a trois ans", "three years ago", "dans deux mois", "two weeks from now"."""
    out = []
    for regex, sign, cue in ((p.ago_before, -1, "ago_before"), (p.later_before, 1, "later_before")):
        for m in quantities._matches(regex, text, at[cue]):
            n = _amount(m.group("amount"), p, data)
            if n is not None:
                out.append(_shift(text, m.start(), m.end(), m.group("unit"), sign * n, p))
    for regex, sign, cue in ((p.ago_after, -1, "ago_after"), (p.later_after, 1, "later_after")):
        if not at[cue]:
            continue  # these open on the blank before the unit: looked for only when the cue occurs
        for m in regex.finditer(text):
            # the amount is the longest run of up to three words before the unit that is a number
            head = text[max(0, m.start() - 40):m.start()]
            words = list(_AMOUNT_WORD.finditer(head))
            for k in range(min(3, len(words)), 0, -1):
                start = words[-k].start()
                n = _amount(head[start:], p, data)
                if n is not None:
                    out.append(_shift(text, m.start() - len(head) + start, m.end(), m.group("unit"), sign * n, p))
                    break
    return out


def _inside_name(names: list[tuple[int, int]], s: int, e: int) -> bool:
    return any(a <= s and e <= b and b - a > e - s for a, b in names)


def _told_in_past(doc: Doc, char: int) -> bool:
    """Whether the verb governing the word at `char` is in a past tense ("a démissionné mardi",
    "said on Thursday"): then a lone weekday or date is the last one, not a coming one."""
    tok = doc.char_span(char, char + 1, alignment_mode="expand")
    if tok is None or not len(tok):
        return False
    v = tok[0]
    for _ in range(_VERB_DISTANCE):
        if v.pos_ in ("VERB", "AUX") or v.head.i == v.i:
            break
        v = v.head
    if v.pos_ not in ("VERB", "AUX"):
        return False
    tense, form = v.morph.get("Tense"), v.morph.get("VerbForm")
    if "Fin" in form and ("Past" in tense or "Imp" in tense):
        return True
    # compound past: a past participle with its auxiliary ("a démissionné", "has said")
    return "Part" in form and "Past" in tense and any(c.dep_.startswith("aux") for c in v.children)


def find_times(doc: Doc, data: langdata.LangData) -> list[TimeMention]:
    """Time phrases of the document, in text order, not overlapping (longest wins)."""
    p = patterns(data)
    text = doc_text(doc)
    at = quantities._openings(text, p.opening)
    found: list[tuple[int, int, int, TimeMention]] = []
    for priority, (name, regex, classes) in enumerate(p.rules):
        for m in quantities._matches(regex, text, quantities._starts(at, classes)):
            mention = _mention(name, m, text, p, data)
            if mention is not None:
                found.append((mention.start, -(mention.end - mention.start), priority, mention))
    for mention in _shifts(text, p, data, at):
        found.append((mention.start, -(mention.end - mention.start), -1, mention))
    found.sort(key=lambda f: (f[0], f[1], f[2]))
    names = [(e.start_char, e.end_char) for e in doc.ents if e.label_ in p.entity_labels] if found else []
    out: list[TimeMention] = []
    taken = -1
    for start, _, _, mention in found:
        if start < taken:
            continue
        if mention.rule in ("weekday", "month") and _inside_name(names, mention.start, mention.end):
            continue  # "le Journal du Dimanche", "Black Friday"
        if mention.anchor == _NEAREST and mention.rule in ("weekday", "month", "day_month") \
                and _told_in_past(doc, mention.start):
            mention = replace(mention, anchor=_PAST)
        out.append(mention)
        taken = mention.end
    return out


# ---------------------------------------------------------------------------------------
# Resolving


def _pick(candidates: list[tuple[int, object]], target: int, anchor: str):
    """Among (position, value) candidates, the one the anchor designates relative to target."""
    if anchor == _PAST:  # the latest not after the target (the publication day itself included)
        past = [c for c in candidates if c[0] <= target]
        return max(past, key=lambda c: c[0])[1] if past else None
    if anchor == _LAST:
        past = [c for c in candidates if c[0] < target]
        return max(past, key=lambda c: c[0])[1] if past else None
    if anchor == _NEXT:
        future = [c for c in candidates if c[0] > target]
        return min(future, key=lambda c: c[0])[1] if future else None
    return min(candidates, key=lambda c: (abs(c[0] - target), c[0] > target))[1]


def _shift_months(d: date, n: int) -> tuple[int, int]:
    index = d.year * 12 + d.month - 1 + n
    return index // 12, index % 12 + 1


def _value(m: TimeMention, published: date | None) -> tuple[str | None, str | None]:
    """(ISO value, granularity); value None when it needs an unknown publication date."""
    if m.rule == "date":
        return f"{m.year:04d}-{m.month:02d}-{m.day:02d}", "day"
    if m.rule == "month_year":
        return f"{m.year:04d}-{m.month:02d}", "month"
    if m.rule in ("year", "year_span", "season_year"):
        return f"{m.year:04d}", "year"
    granularity = {"day_month": "day", "month": "month", "weekday": "day", "season": "year"}.get(m.rule) \
        or ("day" if m.unit in ("day", "week") else m.unit)
    if published is None:
        return None, granularity
    p = published
    if m.rule == "day_month":
        cands = []
        for y in (p.year - 1, p.year, p.year + 1):
            if m.day <= monthrange(y, m.month)[1]:
                d = date(y, m.month, m.day)
                cands.append((d.toordinal(), d))
        # "mercredi 15 mars": the weekday tells the year when one candidate has it
        agreeing = [c for c in cands if m.weekday is not None and c[1].weekday() == m.weekday]
        cands = agreeing or cands
        d = _pick(cands, p.toordinal(), m.anchor)
        return (d.isoformat() if d else None), "day"
    if m.rule == "month":
        target = p.year * 12 + p.month - 1
        cands = [(y * 12 + m.month - 1, (y, m.month)) for y in (p.year - 1, p.year, p.year + 1)]
        if m.anchor == _THIS:
            ym = (p.year, m.month)
        else:
            ym = _pick(cands, target, m.anchor)
        return (f"{ym[0]:04d}-{ym[1]:02d}" if ym else None), "month"
    if m.rule == "weekday":
        cands = [((p + timedelta(days=k)).toordinal(), p + timedelta(days=k)) for k in range(-7, 8)
                 if (p + timedelta(days=k)).weekday() == m.weekday]
        anchor = _NEAREST if m.anchor == _THIS else m.anchor
        d = _pick(cands, p.toordinal(), anchor)
        return (d.isoformat() if d else None), "day"
    if m.rule == "season":
        target = p.year * 12 + p.month - 1
        first = m.season[0]
        starts = [(y * 12 + first - 1, y) for y in (p.year - 2, p.year - 1, p.year, p.year + 1)]
        if m.anchor == _LAST:  # the last season already over
            over = [(s, y) for s, y in starts if s + len(m.season) <= target]
            y = max(over)[1] if over else None
        elif m.anchor == _NEXT:
            y = _pick(starts, target, _NEXT)
        else:  # this/nearest: the one under way, else the nearest
            current = [y for s, y in starts if s <= target < s + len(m.season)]
            y = current[0] if current else _pick(starts, target, _NEAREST)
        return (f"{y:04d}" if y is not None else None), "year"
    # relative phrases and "ago"
    if m.unit == "year":
        return f"{p.year + m.shift:04d}", "year"
    if m.unit == "month":
        y, mo = _shift_months(p, m.shift)
        return f"{y:04d}-{mo:02d}", "month"
    days = m.shift * (7 if m.unit == "week" else 1)
    return (p + timedelta(days=days)).isoformat(), "day"


def resolve(mentions: list[TimeMention], published: date | None) -> list[TimeExpr]:
    """TimeExprs of the mentions; relative ones are resolved only when `published` is known."""
    out = []
    for m in mentions:
        value, granularity = _value(m, published)
        out.append(TimeExpr(text=m.text, start=m.start, end=m.end, value=value, granularity=granularity,
                            relative=m.relative, rule=m.rule))
    return out


class TimeFinder:
    def __init__(self, lang: str):
        self.data = langdata.load(lang)
        self.patterns = patterns(self.data)

    def __call__(self, doc: Doc) -> Doc:
        doc._.selon_times = find_times(doc, self.data)
        return doc


@Language.factory("selon_times", default_config={"lang": "fr"})
def make_time_finder(nlp: Language, name: str, lang: str) -> TimeFinder:
    return TimeFinder(lang)
