"""The one data model every layer passes along: CLI, JSON, database and web page.

The field names of `Claim`, `ChainLink`, `Quantity` and `Headline` are those of the gold
format (shared/gold/GUIDE.md); everything else is an addition. Offsets (`start`, `end`)
are character offsets into the part (`title` or `body`) the span came from.
"""

from __future__ import annotations

from typing import Literal, Optional, Union

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1.1.0"

Part = Literal["title", "body"]
Certainty = Literal["certain", "probable", "possible", "unknown"]
Polarity = Literal["positive", "negative"]
SourceKind = Literal["person", "media", "government", "organization", "document", "anonymous"]
Verdict = Literal["supported", "overstated", "unsupported"]
Number = Union[int, float]

# Lower rank = less sure. Used to compare certainties (e.g. headline upgrades).
CERTAINTY_RANK: dict[str, int] = {"unknown": 0, "possible": 1, "probable": 2, "certain": 3}


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class TextSpan(_Model):
    """A piece of the article: its words and where they are."""

    text: str
    start: int
    end: int
    part: Part = "body"


class Hedge(TextSpan):
    """Words that lower the certainty of a claim, with the level they set and the rule."""

    level: Certainty
    rule: str


class Cue(TextSpan):
    """Words that decided a verdict (negation, headline reason...), with the rule that fired."""

    rule: str


class ChainLink(_Model):
    """One step of an attribution chain, nearest source first."""

    source: str
    kind: SourceKind
    cue: str
    start: int = Field(description="start of `source` in the part")
    end: int
    cue_start: int
    cue_end: int
    rule: str = Field("", description="attribution pattern that found this link")
    kind_rule: str = Field("", description="why the source got this kind")
    refers_to: Optional[str] = Field(None, description="the earlier named source that a description "
                                     "stands for ('le magazine américain' → 'Newsweek')")


class Quantity(_Model):
    text: str
    value: Optional[Number]
    low: Optional[Number] = None
    high: Optional[Number] = None
    approximate: bool = False
    unit: Optional[str] = None
    start: int
    end: int
    part: Part = "body"
    qualifier: Optional[str] = Field(None, description="words that set the bounds, e.g. 'plus de'")


class Claim(_Model):
    id: str = ""
    part: Part
    text: str
    start: int
    end: int
    chain: list[ChainLink] = []
    certainty: Certainty = "certain"
    polarity: Polarity = "positive"
    hedges: list[str] = Field([], description="hedge words in text order (gold shape)")
    hedge_spans: list[Hedge] = []
    polarity_cues: list[Cue] = []
    certainty_rule: str = Field("indicative", description="rule that set the certainty")
    quantities: list[Quantity] = []


class Entity(TextSpan):
    label: str


class TimeExpr(TextSpan):
    """A time phrase; `value` is ISO (YYYY, YYYY-MM or YYYY-MM-DD) when it could be resolved."""

    value: Optional[str] = None
    granularity: Optional[Literal["year", "month", "day"]] = None
    relative: bool = False
    rule: str = ""


class HeadlineReason(_Model):
    reason: str
    detail: str
    title_cues: list[Cue] = []
    body_claims: list[str] = Field([], description="ids of the body claims involved")


class Headline(_Model):
    verdict: Verdict
    reasons: list[str] = []
    evidence: list[HeadlineReason] = []
    title_claims: list[str] = []
    supporting: list[str] = Field([], description="ids of body claims that support the title")
    contradicting: list[str] = Field([], description="ids of body claims that contradict it")


class Profile(_Model):
    claims: int = 0
    attributed: float = 0.0
    anonymous: float = 0.0
    second_hand: float = 0.0
    hedged: float = 0.0


class SourceSummary(_Model):
    name: str
    kind: SourceKind
    claims: int
    depth: int = Field(description="deepest position in a chain, 1 = cited directly")


class Article(BaseModel):
    """One article to analyze: the gold shape without its annotations (extra keys are ignored)."""

    model_config = ConfigDict(extra="ignore")

    id: Optional[str] = None
    language: Optional[str] = None
    outlet: Optional[str] = None
    url: Optional[str] = None
    published: Optional[str] = None
    title: Optional[str] = None
    text: str


class Analysis(_Model):
    schema_version: str = SCHEMA_VERSION
    id: Optional[str] = None
    language: str
    outlet: Optional[str] = None
    url: Optional[str] = None
    published: Optional[str] = None
    title: Optional[str] = None
    text: str
    claims: list[Claim] = []
    headline: Optional[Headline] = None
    entities: list[Entity] = []
    times: list[TimeExpr] = []
    sources: list[SourceSummary] = []
    profile: Profile = Profile()
    parser: str = Field("spacy", description="'spacy' or 'lexicon' (fallback without a parser)")

    def part_text(self, part: Part) -> str:
        return (self.title or "") if part == "title" else self.text


def json_schema() -> dict:
    """The versioned JSON Schema of one `Analysis` (written to schema/analysis.schema.json)."""
    schema = Analysis.model_json_schema()
    schema["$id"] = f"https://selon.invalid/schema/analysis-{SCHEMA_VERSION}.json"
    schema["title"] = f"selon Analysis {SCHEMA_VERSION}"
    return schema
