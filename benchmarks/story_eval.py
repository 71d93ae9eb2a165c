"""Measure `selon trace` on a real propagation story (shared/stories/<name>/).

    .venv/bin/python benchmarks/story_eval.py [--story DIR] [--db FILE] [--query "186,000 deaths"] [--json]

Ingests the story's articles into a ledger (a temporary file unless --db is given; already
stored articles are skipped), traces the figure, and prints:
- cluster recall: share of the story's articles whose claims are in the found cluster
  (and with the figures told together with it);
- whether the origin is right (the story's `origin.outlet`, or its `article_id`);
- citation recall: the story's [article, cited source] pairs found in the citation graph;
- mutation recall by article and kind (and the pairs found that the story does not list).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from selon.ingest import Ingest, read_inputs
from selon.ledger import Ledger
from selon.match import name_tokens
from selon.trace import SourceNames, trace

DEFAULT_STORY = Path(__file__).resolve().parents[2] / "shared" / "stories" / "lancet-186000-gaza"


def same_source(found: str | None, gold: str | None) -> bool:
    if not found or not gold:
        return False
    have, want = set(name_tokens(found)), set(name_tokens(gold))
    return bool(have) and (have <= want or SourceNames([found, gold]).of(found) == SourceNames([found, gold]).of(gold))


def evaluate(story_dir: Path, db: Path, query: str) -> dict:
    story = json.loads((story_dir / "story.json").read_text(encoding="utf-8"))
    articles = [json.loads(line) for line in (story_dir / "articles.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    started = time.perf_counter()
    with Ledger.open(db) as ledger:
        summary = Ingest(ledger).run(read_inputs([story_dir / "articles.jsonl"]))
        records = ledger.claim_records()
    ingest_s = time.perf_counter() - started
    started = time.perf_counter()
    result = trace(records, query)
    trace_s = time.perf_counter() - started

    wanted = {a["id"] for a in articles}
    in_cluster = {r.article_id for r in result.reports} & wanted
    with_related = in_cluster | {r.article_id for rel in result.related for r in rel.reports} & wanted
    gold_origin = story["origin"]
    origin = result.origin
    origin_ok = bool(origin) and ((gold_origin.get("article_id") and origin.article_id == gold_origin["article_id"])
                                  or (not gold_origin.get("article_id") and same_source(origin.outlet, gold_origin["outlet"])))
    found_cites = [(c.article_id, c.cited) for c in result.citations]
    cites_hit = [tuple(p) for p in story.get("cites", [])
                 if any(a == p[0] and same_source(cited, p[1]) for a, cited in found_cites)]
    gold_mut = {(m["article_id"], m["kind"]) for m in story["mutations"]}
    found_mut = {(m.article_id, m.kind) for m in result.mutations}
    hit = gold_mut & found_mut
    by_kind = {}
    for kind in sorted({k for _, k in gold_mut}):
        total = sum(1 for _, k in gold_mut if k == kind)
        by_kind[kind] = {"found": sum(1 for _, k in hit if k == kind), "of": total}
    parsers = Counter(r["parser"] for r in records)
    return {
        "story": story_dir.name, "query": query, "figure": result.figure,
        "ingest": {"stored": summary.stored, "duplicates": summary.duplicates, "failed": summary.failures,
                   "parsers": dict(parsers), "seconds": round(ingest_s, 1)},
        "trace_seconds": round(trace_s, 2),
        "cluster_recall": round(len(in_cluster) / len(wanted), 3),
        "cluster_recall_with_related": round(len(with_related) / len(wanted), 3),
        "missing_articles": sorted(wanted - in_cluster),
        "origin": {"found": origin.outlet if origin else None, "article_id": origin.article_id if origin else None,
                   "rule": origin.rule if origin else None, "gold": gold_origin["outlet"], "right": origin_ok},
        "citation_recall": round(len(cites_hit) / max(1, len(story.get("cites", []))), 3),
        "mutation_recall": round(len(hit) / max(1, len(gold_mut)), 3),
        "mutation_precision": round(len(hit) / max(1, len(found_mut)), 3),
        "mutations_by_kind": by_kind,
        "mutations_missed": sorted(gold_mut - found_mut),
        "mutations_not_in_story": sorted(found_mut - gold_mut),
        "related_figures": [f"{r.figure} ({len(r.told_with)} articles)" for r in result.related],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--story", type=Path, default=DEFAULT_STORY)
    parser.add_argument("--db", type=Path, default=None, help="ledger file (default: a temporary one)")
    parser.add_argument("--query", default="186,000 deaths")
    parser.add_argument("--json", action="store_true", help="print the measures as JSON")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        out = evaluate(args.story, args.db or Path(tmp) / "story.duckdb", args.query)
    if args.json:
        print(json.dumps(out, indent=2, ensure_ascii=False))
        return 0
    print(f"story {out['story']}: trace {out['query']!r} → {out['figure']}")
    ing = out["ingest"]
    print(f"  ingest: {ing['stored']} stored, {ing['duplicates']} duplicates, {len(ing['failed'])} failed "
          f"({ing['parsers']}), {ing['seconds']} s; trace {out['trace_seconds']} s")
    for name, problem in ing["failed"]:
        print(f"    failed {name}: {problem}")
    print(f"  cluster recall: {out['cluster_recall']:.0%} "
          f"(with figures told with it: {out['cluster_recall_with_related']:.0%}); missing: {', '.join(out['missing_articles']) or '-'}")
    o = out["origin"]
    print(f"  origin: {o['found']!r} ({o['rule']}) vs {o['gold']!r}: {'RIGHT' if o['right'] else 'WRONG'}")
    print(f"  citation recall: {out['citation_recall']:.0%}")
    print(f"  mutation recall: {out['mutation_recall']:.0%}, precision {out['mutation_precision']:.0%}")
    for kind, n in out["mutations_by_kind"].items():
        print(f"    {kind:20} {n['found']}/{n['of']}")
    print(f"  missed: {', '.join(f'{a} {k}' for a, k in out['mutations_missed']) or '-'}")
    print(f"  found, not in the story: {', '.join(f'{a} {k}' for a, k in out['mutations_not_in_story']) or '-'}")
    print(f"  told with it: {'; '.join(out['related_figures']) or '-'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
