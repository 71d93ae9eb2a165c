"""Worker processes for `Analyzer.analyze_many(..., n_process=N)`.

Workers are forked by multiprocessing's fork server, which imports `selon.worker_models` once:
that loads the spaCy pipelines before any worker exists, so N workers share one copy of the
models (copy-on-write) and none spends seconds loading them. A worker that dies (killed, out of
memory, a crash in C) is replaced from the same server at once and only its article is lost.
Where there is no fork server (Windows), workers are spawned and each loads its own models.
"""

from __future__ import annotations

import multiprocessing
import sys
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Iterator

from .errors import SelonError

PRELOAD_MODULE = "selon.worker_models"

# The analyzer of this worker process, set once by `_start_worker`.
_analyzer = None


def _start_worker() -> None:
    global _analyzer
    from .analyze import Analyzer  # here, not at the top: selon.analyze imports this module

    preloaded = sys.modules.get(PRELOAD_MODULE)  # present when forked from the fork server
    _analyzer = preloaded.analyzer if preloaded is not None else Analyzer()


def analyze_batch(lang: str, items: list, batch_size: int) -> list:
    """What a worker does with one batch: [(name, Analysis | SelonError)] in input order."""
    return list(_analyzer._run_batch(lang, items, batch_size))


def _context():
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload([PRELOAD_MODULE])
        # Start the server now (it returns at once): the models load while the caller reads
        # and sorts its input, not when the first batch is submitted.
        from multiprocessing import forkserver  # a POSIX-only module
        forkserver.ensure_running()
        return context
    # Never fork the caller itself: it may run threads (progress bars, DuckDB) that a fork
    # would copy mid-lock.
    return multiprocessing.get_context("spawn")


class Workers:
    """A process pool that is started again when a worker dies."""

    def __init__(self, n_process: int, work):
        self.n_process, self.work, self.generation = n_process, work, 0
        self.context = _context()
        self.pool = self._start()

    def _start(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(max_workers=self.n_process, mp_context=self.context, initializer=_start_worker)

    def submit(self, lang: str, items: list, batch_size: int):
        try:
            return self.generation, self.pool.submit(self.work, lang, items, batch_size)
        except BrokenProcessPool:
            self.restart(self.generation)
            return self.generation, self.pool.submit(self.work, lang, items, batch_size)

    def restart(self, generation: int) -> None:
        """Replace the pool that broke, unless that was done already for this generation."""
        if generation == self.generation:
            self.pool.shutdown(wait=False, cancel_futures=True)
            self.pool = self._start()
            self.generation += 1

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


def pooled(batches, batch_size: int, n_process: int, work=analyze_batch) -> Iterator[tuple]:
    """Run [lang, items] batches on `n_process` long-lived workers, a few batches in flight
    each; (name, error) tuples among the batches pass straight through."""
    workers = Workers(n_process, work)
    in_flight: deque = deque()
    try:
        for batch in batches:
            if isinstance(batch, tuple):
                yield batch
                continue
            lang, items = batch
            in_flight.append((lang, items, *workers.submit(lang, items, batch_size)))
            while len(in_flight) > 2 * n_process:
                yield from _collect(workers, batch_size, *in_flight.popleft())
        while in_flight:
            yield from _collect(workers, batch_size, *in_flight.popleft())
    finally:
        workers.close()


def _collect(workers: Workers, batch_size: int, lang: str, items: list, generation: int, future) -> Iterator[tuple]:
    try:
        yield from future.result()
        return
    except BrokenProcessPool:
        workers.restart(generation)
    except Exception as exc:  # noqa: BLE001 - the batch failed in the worker: name each article
        for name, _ in items:
            yield name, SelonError(name, f"analysis worker failed ({exc.__class__.__name__}: {exc})")
        return
    # A worker died during this batch: redo it one article at a time so that only an article
    # that kills a worker again is lost.
    for name, article in items:
        retry_generation, retry = workers.submit(lang, [(name, article)], batch_size)
        try:
            yield from retry.result()
        except BrokenProcessPool:
            workers.restart(retry_generation)
            yield name, SelonError(name, "the analysis worker died on this article (crash or out of memory)")
        except Exception as exc:  # noqa: BLE001
            yield name, SelonError(name, f"analysis worker failed ({exc.__class__.__name__}: {exc})")
