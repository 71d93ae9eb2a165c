"""Matching at scale: cluster generated ledgers of 10k, 100k and 1M claim records.

    .venv/bin/python benchmarks/bench_match.py [--sizes 10000 100000 1000000] [--seed 7]

Each size runs in its own process (so that its peak RSS is its own) and prints the time of
`selon.match.cluster` (context, blocking, matching, union-find), wall and CPU
(`time.process_time`: the machine is shared, so wall time is noisy), each ratio to the
previous size (target: at most 15x per 10x more records) and the peak RSS (target for 1M:
under 8 GiB).

The generated records have the shape of `Ledger.claim_records`: stories of about eight
reports of one figure (one concept, values retold with bounds, roundings and slips, in eight
languages, dated within weeks, sharing two or three named entities), plus noise entities
drawn from a Zipf-distributed vocabulary that grows with the ledger, as news vocabularies do.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import resource
import subprocess
import sys
import time
from datetime import date, timedelta

from selon import match

LANGS = ("en", "fr", "it", "es", "de", "pt", "ru", "uk")
REPORTS_PER_STORY = 8


def _unit_words() -> dict[str, list[tuple[str, list[str]]]]:
    """For each concept, the singular words of each language."""
    table = match.concept_table()
    words: dict[str, dict[str, list[str]]] = {}
    for (lang, word), (concept, plural) in table.by_lang_word.items():
        if not plural and lang in LANGS:
            words.setdefault(concept, {}).setdefault(lang, []).append(word)
    return {c: [(lang, ws) for lang, ws in per.items()] for c, per in words.items()}


def _zipf_index(rng: random.Random, n: int) -> int:
    # Inverse-CDF sample of a Zipf(1) law over n items.
    return min(n - 1, int(math.exp(rng.random() * math.log(n + 1))) - 1)


def generate(n: int, seed: int = 7) -> list[dict]:
    rng = random.Random(seed)
    units = _unit_words()
    concepts = sorted(units)
    vocabulary = max(2000, n // 4)
    day0 = date(2022, 1, 1)
    records = []
    story = None
    for i in range(n):
        if i % REPORTS_PER_STORY == 0:
            magnitude = rng.uniform(0, 7)
            base = float(f"{10 ** magnitude:.{rng.choice((2, 3, 4))}g}")
            story = {"value": base, "concept": rng.choice(concepts),
                     "entities": [f"Place{_zipf_index(rng, vocabulary)}" for _ in range(3)],
                     "day": day0 + timedelta(days=rng.randrange(3 * 365)), "id": i // REPORTS_PER_STORY}
        value, low, high, approx = story["value"], None, None, False
        form = rng.random()
        if form < 0.2:
            low = value
        elif form < 0.3:
            high = value
        elif form < 0.4:
            approx = True
        elif form < 0.45:
            value = value + 1
        lang, words = rng.choice(units[story["concept"]])
        published = story["day"] + timedelta(days=rng.randrange(30))
        entities = rng.sample(story["entities"], 2) + [f"Place{_zipf_index(rng, vocabulary)}"]
        article = f"a{i // 3}"
        records.append({
            "claim_id": f"{article}:c{i % 3}", "claim_index": f"c{i % 3}", "article_hash": article,
            "article_id": article, "outlet": f"Outlet{_zipf_index(rng, 500)}", "url": None,
            "published": published.isoformat(), "language": lang, "parser": "spacy", "part": "body",
            "text": f"story {story['id']}", "start": 0, "end": 10, "sentence": "", "sentence_start": 0,
            "sentence_end": 10, "certainty": rng.choice(("certain", "probable", "possible")),
            "certainty_rule": "", "hedges": [], "polarity": "positive",
            "chain": [{"source": f"Outlet{_zipf_index(rng, 500)}", "kind": "media", "cue": "according to"}]
            if rng.random() < 0.5 else [],
            "quantity_index": 0, "quantity_text": str(value), "value": value, "low": low, "high": high,
            "approximate": approx, "unit": rng.choice(words), "qualifier": None,
            "quantity_start": 0, "quantity_end": 5,
            "entities": [{"text": e, "label": "GPE", "start": 0, "end": len(e)} for e in entities],
        })
    return records


def run_one(n: int, seed: int) -> dict:
    started = time.perf_counter()
    records = generate(n, seed)
    generated = time.perf_counter() - started
    started, cpu_started = time.perf_counter(), time.process_time()
    clusters = match.cluster(records)
    seconds, cpu_seconds = time.perf_counter() - started, time.process_time() - cpu_started
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    # Precision and recall against the generated stories: a cluster joining two stories is a
    # false merge; a story whose records land in two clusters is split.
    story_of = {match.figure_id(r): r["text"] for r in records}
    merged = split = 0
    clusters_of: dict[str, int] = {}
    for c in clusters:
        stories = {story_of[f] for f in c.figure_ids}
        merged += len(stories) - 1
        for s in stories:
            clusters_of[s] = clusters_of.get(s, 0) + 1
    split = sum(1 for n_ in clusters_of.values() if n_ > 1)
    return {"records": n, "generate_s": round(generated, 2), "cluster_s": round(seconds, 2),
            "cluster_cpu_s": round(cpu_seconds, 2),
            "clusters": len(clusters), "clustered_records": sum(len(c.figure_ids) for c in clusters),
            "matches": sum(len(c.matches) for c in clusters), "stories": math.ceil(n / REPORTS_PER_STORY),
            "merged_stories": merged, "split_stories": split, "peak_rss_mib": round(peak_kib / 1024, 1)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(run_one(args.one, args.seed)))
        return 0
    previous = None
    print(f"{'records':>10} {'wall s':>8} {'ratio':>6} {'cpu s':>8} {'ratio':>6} {'clusters':>9} {'stories':>8} "
          f"{'merged':>7} {'split':>6} {'matches':>9} {'peak RSS':>10}")
    for n in args.sizes:
        out = subprocess.run([sys.executable, __file__, "--one", str(n), "--seed", str(args.seed)],
                             capture_output=True, text=True, check=True)
        res = json.loads(out.stdout.strip().splitlines()[-1])
        ratio = f"{res['cluster_s'] / previous['cluster_s']:.1f}x" if previous else "-"
        cpu_ratio = f"{res['cluster_cpu_s'] / previous['cluster_cpu_s']:.1f}x" if previous else "-"
        per = f" (per {n // previous['records']}x records)" if previous else ""
        print(f"{n:>10} {res['cluster_s']:>8.2f} {ratio:>6} {res['cluster_cpu_s']:>8.2f} {cpu_ratio:>6} "
              f"{res['clusters']:>9} {res['stories']:>8} {res['merged_stories']:>7} {res['split_stories']:>6} "
              f"{res['matches']:>9} {res['peak_rss_mib']:>8.0f} MiB{per}", flush=True)
        previous = res
    return 0


if __name__ == "__main__":
    sys.exit(main())
