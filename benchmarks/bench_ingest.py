"""Ingest throughput with --jobs 2 against --jobs 1 on the same articles (target: ≥ 1.7×).

    .venv/bin/python benchmarks/bench_ingest.py [--articles 2000] [--repeats 2] [--batch-size 16] [--json]

The corpus is generated from short sentences written for this benchmark (French and English
for the parser, plus Italian, Spanish, German, Russian and Ukrainian for the fallback), with
varying figures, places and outlets so that every article is distinct.

Each setting runs in a fresh process, as `selon ingest` does: loading the spaCy models is part
of the run for both (`--jobs 1` loads them in the process that writes, `--jobs 2` once, in the
fork server its workers are forked from). Printed per setting: wall seconds, articles/s over the whole run and once every
process has its models ("steady": from the first quarter of stored articles to the last),
and CPU seconds of the writing process and of the parser workers. The machine is shared, so
the load average, the time the parsing processes spent waiting for a CPU while runnable
(contention) or with nothing to do (the design starving them), from /proc/PID/schedstat, and
the idle-machine estimate (the same CPU work spread over the cores this process may use, the
writer's own work being the floor) separate contention from design.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PLACES = ["Volgograd", "Koursk", "Belgorod", "Rostov", "Kharkiv", "Donetsk", "Zaporijjia", "Kherson"]
OUTLETS = ["Newsweek", "iStories", "Meduza", "Reuters", "l'AFP", "le Kyiv Independent"]

FR = [
    "Selon {outlet}, plus de {n} soldats auraient quitté leur régiment près de {place} depuis le début du mois.",
    "Le ministère de la Défense affirme que {m} militaires sont rentrés dans leur caserne mardi soir.",
    "D'après des sources locales, environ {k} familles ont quitté {place} en quelques jours.",
    "Le gouverneur a déclaré que la situation était sous contrôle, ce que contestent plusieurs élus.",
    "Il est impossible de savoir combien de recrues ont été envoyées au front depuis janvier.",
    "Les autorités pourraient annoncer de nouvelles mesures d'ici la fin de la semaine, selon un conseiller.",
]
EN = [
    "According to {outlet}, more than {n} soldiers left their regiment near {place} this month.",
    "The defence ministry said {m} servicemen had returned to their barracks on Tuesday evening.",
    "Local sources said about {k} families had fled {place} within a few days.",
    "The governor told reporters the situation was under control, a claim several officials dispute.",
    "It is unclear how many recruits have been sent to the front since January.",
    "Officials may announce new measures by the end of the week, an adviser said.",
]
OTHER = {
    "it": "Secondo {outlet}, più di {n} soldati avrebbero lasciato il reggimento vicino a {place}. "
          "Il ministero ha detto che {m} militari sono tornati in caserma.",
    "es": "Según {outlet}, más de {n} soldados habrían dejado su regimiento cerca de {place}. "
          "El ministerio dijo que {m} militares volvieron al cuartel.",
    "de": "Laut {outlet} sollen mehr als {n} Soldaten ihr Regiment bei {place} verlassen haben. "
          "Das Ministerium sagte, {m} Soldaten seien zurückgekehrt.",
    "ru": "По данным {outlet}, более {n} солдат покинули полк под {place}. "
          "Министерство заявило, что {m} военных вернулись в казармы.",
    "uk": "За даними {outlet}, понад {n} солдатів залишили полк біля {place}. "
          "Міністерство заявило, що {m} військових повернулися до казарм.",
}


def corpus(n_articles: int, seed: int = 7) -> list[dict]:
    rng = random.Random(seed)
    rows = []
    for i in range(n_articles):
        values = {"outlet": rng.choice(OUTLETS), "place": rng.choice(PLACES), "n": f"{rng.randint(100, 9000)}",
                  "m": rng.randint(10, 900), "k": rng.randint(20, 400)}
        if i % 10 == 9:
            lang = rng.choice(sorted(OTHER))
            text = OTHER[lang].format(**values)
        else:
            lang = "fr" if i % 2 else "en"
            sentences = FR if lang == "fr" else EN
            paragraphs = [" ".join(s.format(**values) for s in rng.sample(sentences, 4)) for _ in range(3)]
            text = "\n".join(paragraphs) + f" (dépêche {i})" if lang == "fr" else "\n".join(paragraphs) + f" (report {i})"
        rows.append({"id": f"bench-{i}", "language": lang, "outlet": f"Outlet {i % 17}",
                     "published": f"2023-05-{1 + i % 28:02d}", "text": text})
    return rows


def _cpu(who: int) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def _scheduling(pid: int | str) -> tuple[float, float, float]:
    """(seconds alive, seconds on a CPU, seconds runnable but waiting for a CPU) of a process,
    from Linux's /proc/PID/schedstat: waiting is contention, the rest of its life not running
    is time it had nothing to do."""
    with open(f"/proc/{pid}/schedstat") as f:
        running, waiting = (int(v) / 1e9 for v in f.read().split()[:2])
    with open(f"/proc/{pid}/stat") as f:
        started = int(f.read().rsplit(")", 1)[1].split()[19]) / os.sysconf("SC_CLK_TCK")
    with open("/proc/uptime") as f:
        now = float(f.read().split()[0])
    return now - started, running, waiting


def _children(pid: int) -> list[int]:
    found = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as f:
                found += [int(child) for child in f.read().split()]
    except OSError:
        pass
    return found


def _is_fork_server(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            return b"forkserver" in f.read()
    except OSError:
        return False


def _parsing_processes() -> list[int]:
    """The pool's fork server and the workers it forked (not multiprocessing's resource tracker,
    which idles beside them)."""
    servers = [pid for pid in _children(os.getpid()) if _is_fork_server(pid)]
    return [p for server in servers for p in [server, *_children(server)]]


def child_run(corpus_path: Path, jobs: int, batch_size: int) -> dict:
    """One ingest of `corpus_path` into a fresh ledger, timed from a process with no model loaded."""
    started, load = time.perf_counter(), os.getloadavg()[0]
    from selon.analyze import Analyzer
    from selon.ingest import Ingest, read_inputs
    from selon.ledger import Ledger

    analyzer, model_cpu = Analyzer(), 0.0
    if jobs == 1:  # the models this run loads anyway, loaded first so that their cost is known
        before = time.process_time()
        for lang in ("fr", "en"):
            analyzer.pipeline(lang)
        model_cpu = time.process_time() - before

    stored_at: list[float] = []
    parsers: dict[int, tuple[float, float, float]] = {}  # last reading of each parsing process

    def progress(outcome: str) -> None:
        if outcome == "stored":
            stored_at.append(time.perf_counter())
        if len(stored_at) % 8 == 0:  # workers end with the pool: read them while they live
            for pid in (_parsing_processes() if jobs > 1 else ["self"]):
                try:
                    parsers[pid] = _scheduling(pid)
                except OSError:
                    pass

    with tempfile.TemporaryDirectory() as tmp, Ledger.open(Path(tmp) / "bench.duckdb") as ledger:
        ingest = Ingest(ledger, analyzer=analyzer, jobs=jobs, batch_size=batch_size, progress=progress)
        summary = ingest.run(read_inputs([corpus_path]))
    wall = time.perf_counter() - started
    if summary.failed:
        sys.exit(f"benchmark corpus failed: {summary.failures[:3]}")
    quarter = len(stored_at) // 4
    steady = (len(stored_at) - 1 - quarter) / (stored_at[-1] - stored_at[quarter])
    servers = [pid for pid in parsers if pid != "self" and _is_fork_server(pid)]
    if servers:  # --jobs 2: the fork server loaded the models once for all workers
        model_cpu = sum(parsers[pid][1] for pid in servers)
    workers = [v for pid, v in parsers.items() if pid not in servers]  # the server idles once it has forked
    return {"jobs": jobs, "articles": summary.stored, "wall": wall, "steady_rate": steady,
            "writer_cpu": _cpu(resource.RUSAGE_SELF), "worker_cpu": sum(v[1] for pid, v in parsers.items() if pid != "self"),
            "model_cpu": model_cpu, "load_start": load, "load_end": os.getloadavg()[0],
            # Summed over the parsing processes (the workers, or this process for --jobs 1).
            "parser_alive": sum(v[0] for v in workers), "parser_running": sum(v[1] for v in workers),
            "parser_waiting_for_cpu": sum(v[2] for v in workers)}


def timed_run(corpus_path: Path, jobs: int, batch_size: int) -> dict:
    """`child_run` in a fresh interpreter, so that no setting inherits loaded models."""
    out = subprocess.run([sys.executable, __file__, "--child", str(corpus_path), "--jobs", str(jobs),
                          "--batch-size", str(batch_size)], capture_output=True, text=True, check=False)
    if out.returncode:
        sys.exit(f"benchmark run --jobs {jobs} failed:\n{out.stderr[-2000:]}")
    return json.loads(out.stdout.splitlines()[-1])


def idle_estimate(run: dict, cores: int) -> float:
    """Wall seconds the run's CPU work would take on `cores` idle cores (the writer is one process)."""
    total = run["writer_cpu"] + run["worker_cpu"]
    return max(run["writer_cpu"], total / min(cores, run["jobs"] + (1 if run["jobs"] > 1 else 0)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--repeats", type=int, default=2, help="timed passes per setting, alternating (the fastest counts)")
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--jobs", type=int, default=1, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child_run(args.child, args.jobs, args.batch_size)))
        return

    cores = len(os.sched_getaffinity(0))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "corpus.jsonl"
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in corpus(args.articles)),
                        encoding="utf-8")
        # The settings alternate (1, 2, 1, 2...) so that a slow spell of the shared host spoils one
        # run of one setting; each setting's fastest run counts.
        timed: dict[int, list[dict]] = {1: [], 2: []}
        for _ in range(args.repeats):
            for jobs in (1, 2):
                timed[jobs].append(timed_run(path, jobs, args.batch_size))
        runs = {jobs: min(results, key=lambda run: run["wall"]) for jobs, results in timed.items()}
    ratio = runs[1]["wall"] / runs[2]["wall"]
    steady_ratio = runs[2]["steady_rate"] / runs[1]["steady_rate"]
    idle_ratio = idle_estimate(runs[1], cores) / idle_estimate(runs[2], cores)
    # CPU seconds of parsing and storing per article, model loading left out: what the pool adds
    # (shipping articles and analyses between processes) whatever the machine's load.
    model_cpu = runs[1]["model_cpu"]
    per_article = {1: (runs[1]["writer_cpu"] - model_cpu) / args.articles,
                   2: (runs[2]["writer_cpu"] + runs[2]["worker_cpu"] - runs[2]["model_cpu"]) / args.articles}
    if args.json:
        print(json.dumps({"articles": args.articles, "cores": cores, "ratio": round(ratio, 3),
                          "walls": {str(k): [round(r["wall"], 2) for r in v] for k, v in timed.items()},
                          "steady_ratio": round(steady_ratio, 3), "idle_estimate_ratio": round(idle_ratio, 3),
                          "model_cpu": round(model_cpu, 2),
                          "cpu_ms_per_article": {str(k): round(1000 * v, 2) for k, v in per_article.items()},
                          "runs": {str(k): {key: round(v, 3) if isinstance(v, float) else v for key, v in run.items()}
                                   for k, run in runs.items()}}))
        return
    for jobs, run in runs.items():
        print(f"--jobs {jobs}: {run['wall']:.1f} s, {args.articles / run['wall']:.1f} articles/s "
              f"(steady {run['steady_rate']:.1f}) · CPU s: writer {run['writer_cpu']:.1f}, workers "
              f"{run['worker_cpu']:.1f} · load average {run['load_start']:.1f} → {run['load_end']:.1f}")
        idle = run["parser_alive"] - run["parser_running"] - run["parser_waiting_for_cpu"]
        print(f"    parsing process{'es' if jobs > 1 else ''}: on a CPU {run['parser_running']:.1f} s, waiting for a "
              f"CPU (contention) {run['parser_waiting_for_cpu']:.1f} s, with nothing to do {idle:.1f} s")
    print("every run (wall s): " + " · ".join(f"--jobs {k}: " + ", ".join(f"{r['wall']:.1f}" for r in v)
                                               for k, v in timed.items()))
    print(f"{args.articles} articles on {cores} cores · ratio {ratio:.2f}× (target ≥ 1.7×) · steady "
          f"{steady_ratio:.2f}× · idle-machine estimate from CPU seconds {idle_ratio:.2f}×")
    print(f"model loading: --jobs 1 {model_cpu:.1f} CPU s, --jobs 2 {runs[2]['model_cpu']:.1f} CPU s (once, in the fork "
          f"server the workers are forked from) · CPU per "
          f"article without it: --jobs 1 {1000 * per_article[1]:.1f} ms, --jobs 2 {1000 * per_article[2]:.1f} ms")


if __name__ == "__main__":
    main()
