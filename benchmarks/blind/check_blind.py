"""Consistency checks for the blind gold set (benchmarks/blind/blind.jsonl).

Checks every line against the conventions of shared/gold/GUIDE.md: each claim text is
an exact substring of its part (and carries start/end when it occurs more than once),
each figure text occurs inside its claim, each hedge and cue occurs in its part, the
enumerations are the guide's, and each article body is 120-220 words.

Usage: .venv/bin/python benchmarks/blind/check_blind.py [benchmarks/blind/blind.jsonl]
"""
import json
import re
import sys
from pathlib import Path

KINDS = {"person", "media", "government", "organization", "document", "anonymous"}
CERTAINTIES = {"certain", "probable", "possible", "unknown"}
POLARITIES = {"positive", "negative"}
VERDICTS = {"supported", "overstated", "unsupported"}
REASONS = {"certainty_upgrade", "quantity_inflation", "generalization", "source_dropped"}
KEYS = ["id", "language", "outlet", "url", "published", "title", "text", "claims", "headline"]


def problems_of(article: dict) -> list[str]:
    found = []
    if list(article) != KEYS:
        found.append(f"keys {list(article)}")
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", article["published"] or ""):
        found.append("published is not YYYY-MM-DD")
    words = len(article["text"].split())
    if not 120 <= words <= 220:
        found.append(f"body has {words} words")
    if (article["title"] is None) != (article["headline"] is None):
        found.append("title and headline must both be null or both set")
    if article["headline"]:
        verdict, reasons = article["headline"]["verdict"], article["headline"]["reasons"]
        if verdict not in VERDICTS or not set(reasons) <= REASONS:
            found.append(f"headline {article['headline']}")
        if (verdict == "overstated") != bool(reasons):
            found.append("reasons go with overstated only")
    for claim in article["claims"]:
        part = article["title"] if claim["part"] == "title" else article["text"]
        text = claim["text"]
        where = f"claim {text[:40]!r}"
        if part is None or text not in part:
            found.append(f"{where}: not a substring of {claim['part']}")
            continue
        if part.count(text) > 1:
            if "start" not in claim or part[claim["start"]:claim["end"]] != text:
                found.append(f"{where}: occurs {part.count(text)} times, needs start/end")
        if claim["certainty"] not in CERTAINTIES or claim["polarity"] not in POLARITIES:
            found.append(f"{where}: certainty/polarity")
        if (claim["certainty"] == "certain") != (not claim["hedges"]):
            found.append(f"{where}: hedges {claim['hedges']} vs certainty {claim['certainty']}")
        for hedge in claim["hedges"]:
            if hedge not in part:
                found.append(f"{where}: hedge {hedge!r} not in part")
        for link in claim["chain"]:
            if link["kind"] not in KINDS:
                found.append(f"{where}: kind {link['kind']}")
            if link["cue"] not in part:
                found.append(f"{where}: cue {link['cue']!r} not in part")
        for figure in claim["quantities"]:
            if figure["text"] not in text:
                found.append(f"{where}: figure {figure['text']!r} not in claim")
            if list(figure) != ["text", "value", "low", "high", "approximate", "unit"]:
                found.append(f"{where}: figure keys {list(figure)}")
    return found


def main(path: Path) -> int:
    failures = 0
    for line in path.read_text(encoding="utf-8").splitlines():
        article = json.loads(line)
        found = problems_of(article)
        failures += len(found)
        words = len(article["text"].split())
        print(f"{article['id']}: {words} words, {len(article['claims'])} claims, "
              f"{sum(len(c['quantities']) for c in article['claims'])} figures"
              + ("" if not found else "\n  " + "\n  ".join(found)))
    print("OK" if not failures else f"{failures} problem(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    default = Path(__file__).with_name("blind.jsonl")
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else default))
