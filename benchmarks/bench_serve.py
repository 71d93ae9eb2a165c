"""Latency of POST /api/analyze under concurrent clients, on loopback only.

Starts `selon serve` in a child process on 127.0.0.1, waits until its pipelines are loaded,
then runs N client threads that each post the ~1,000-word article of serve_article.fr.txt
(title on its first line) in a loop until the time budget or the request budget is spent.
Prints p50/p95/p99 latency, throughput and the error count, and stops the server it started.

    .venv/bin/python benchmarks/bench_serve.py                 # 20 clients, 60 s
    .venv/bin/python benchmarks/bench_serve.py --clients 5 --seconds 10 --json
"""

from __future__ import annotations

import argparse
import json
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx

ARTICLE = Path(__file__).with_name("serve_article.fr.txt")
HOST = "127.0.0.1"  # loopback only: this load never leaves the machine


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def start_server(port: int, workers: int) -> subprocess.Popen:
    cmd = [sys.executable, "-c", "from selon.cli import main; main()", "serve",
           "--host", HOST, "--port", str(port), "--workers", str(workers)]
    return subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


def wait_ready(base: str, server: subprocess.Popen, timeout: float = 180) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"server exited: {server.stderr.read()[-2000:]}")
        try:
            health = httpx.get(f"{base}/healthz", timeout=2).json()
            if set(health["languages"]) <= set(health["loaded"]):
                return
        except (httpx.HTTPError, ValueError, KeyError):
            pass
        time.sleep(0.25)
    raise SystemExit("server not ready in time")


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q / 100 * len(ordered) + 0.5) - 1))
    return ordered[index]


def run_load(base: str, payload: dict, clients: int, seconds: float, max_requests: int) -> dict:
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    issued = 0
    deadline = time.monotonic() + seconds

    def client() -> None:
        nonlocal issued
        with httpx.Client(timeout=120) as http:
            while time.monotonic() < deadline:
                with lock:
                    if issued >= max_requests:
                        return
                    issued += 1
                started = time.perf_counter()
                try:
                    response = http.post(f"{base}/api/analyze", json=payload)
                    ok = response.status_code == 200 and response.json().get("text") == payload["text"]
                    problem = None if ok else f"HTTP {response.status_code}: {response.text[:200]}"
                except httpx.HTTPError as exc:
                    problem = f"{exc.__class__.__name__}: {exc}"
                elapsed = time.perf_counter() - started
                with lock:
                    if problem:
                        errors.append(problem)
                    else:
                        latencies.append(elapsed)

    started = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - started
    return {
        "clients": clients, "seconds": round(wall, 1), "requests": len(latencies) + len(errors),
        "errors": len(errors), "first_errors": errors[:3],
        "p50_s": round(percentile(latencies, 50), 3) if latencies else None,
        "p95_s": round(percentile(latencies, 95), 3) if latencies else None,
        "p99_s": round(percentile(latencies, 99), 3) if latencies else None,
        "mean_s": round(statistics.fmean(latencies), 3) if latencies else None,
        "throughput_rps": round(len(latencies) / wall, 2) if wall else None,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60.0, help="time budget of the load (it stops by itself)")
    parser.add_argument("--max-requests", type=int, default=5000, help="request budget of the load")
    parser.add_argument("--workers", type=int, default=2, help="analysis threads of the server")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    args = parser.parse_args()

    title, text = ARTICLE.read_text(encoding="utf-8").split("\n", 1)
    payload = {"title": title, "text": text.strip(), "lang": "fr"}
    port = free_port()
    base = f"http://{HOST}:{port}"
    server = start_server(port, args.workers)
    try:
        wait_ready(base, server)
        httpx.post(f"{base}/api/analyze", json=payload, timeout=120).raise_for_status()  # warm-up
        result = run_load(base, payload, args.clients, args.seconds, args.max_requests)
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
    result["words"] = len(text.split())
    result["workers"] = args.workers
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print(f"POST /api/analyze, {result['words']} words, {result['clients']} clients, "
              f"{result['workers']} analysis threads, {result['seconds']} s on loopback")
        print(f"requests {result['requests']}  errors {result['errors']}  "
              f"throughput {result['throughput_rps']} req/s")
        print(f"latency p50 {result['p50_s']} s  p95 {result['p95_s']} s  p99 {result['p99_s']} s  "
              f"mean {result['mean_s']} s")
        for line in result["first_errors"]:
            print(f"  error: {line}")
    if result["errors"]:
        sys.exit(1)


if __name__ == "__main__":
    main()
