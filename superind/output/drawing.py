"""The report's figures drawn by this process and a helper forked when a build starts.

A build spends about 0.3 s importing matplotlib and 0.7–0.9 s drawing its figures on the Agg canvas, all holding
the GIL, so threads would not help. The helper is forked while the process is still small; while the build
computes, it imports matplotlib, draws a first empty figure (fonts, tick machinery) and imports the modules of the
objects the figure jobs carry. It then receives the jobs (pickled ``functools.partial``s of
:mod:`superind.output.figures` functions), and both processes take the next job from a shared counter until none
is left; the helper sends back its PNG data URIs. Off Linux, without a second CPU or a single-threaded process (a
Jupyter kernel has threads), or when the helper fails or does not answer within ``HELPER_WAIT_S``, this process
draws whatever is missing, so the report is the same either way (the gain is measured in ``benchmarks/README.md``).
"""
from __future__ import annotations

import os
import signal
import sys
import threading
from typing import Callable, Optional

#: how long [s] the build waits for the helper's figures after drawing its own; then it draws the rest itself
HELPER_WAIT_S = 60.0
#: modules of the objects the figure jobs carry (film, wire, spread): imported ahead, not while unpickling the jobs
JOB_MODULES = ("superind.wire", "superind.finkelstein", "superind.design.spread")


def _take(counter) -> int:
    """The next job's index from the counter both processes share."""
    with counter.get_lock():
        counter.value += 1
        return counter.value - 1


def _serve(conn, counter, creator_pid: int) -> None:
    """The helper: warm up, then draw jobs until the counter runs out and send {index: PNG data URI}. Any failure
    ends it quietly (the parent draws what is missing and reports errors with its own handling). It ends with the
    parent even when that is killed (it holds its own copy of the parent's end of the pipe, so it would otherwise
    wait for the jobs forever)."""
    from ..children import die_with_parent

    die_with_parent(creator_pid)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle (it terminates us)
    try:
        import importlib

        from . import figures

        figures.png(figures.new_figure()[0])
        for name in JOB_MODULES:
            importlib.import_module(name)
        jobs = conn.recv()
        if jobs is None:
            return
        drawn = {}
        while (i := _take(counter)) < len(jobs):
            drawn[i] = jobs[i]()
        conn.send(drawn)
    except Exception:
        pass


class FigureHelper:
    """Context manager around the helper process; :meth:`draw` shares the figure jobs with it (once)."""

    def __init__(self) -> None:
        self._conn = self._process = self._counter = None

    def __enter__(self) -> "FigureHelper":
        # fork only on Linux (macOS system libraries, e.g. Accelerate, are not fork-safe; Python spawns there) and
        # only a single-threaded Python process (the CLI; not, say, a Jupyter kernel, whose threads may hold locks
        # the child would inherit)
        if sys.platform.startswith("linux") and (os.cpu_count() or 1) >= 2 and threading.active_count() == 1:
            import multiprocessing

            context = multiprocessing.get_context("fork")
            self._conn, theirs = context.Pipe()
            self._counter = context.Value("i", 0)
            self._process = context.Process(target=_serve, args=(theirs, self._counter, os.getpid()), daemon=True)
            self._process.start()
            theirs.close()
        return self

    @property
    def running(self) -> bool:
        """Whether a helper process is up (forked and not yet stopped)."""
        return self._process is not None

    def draw(self, jobs: list[Callable[[], str]]) -> list[str]:
        """The jobs' PNG data URIs in order: this process and the helper each take the next job in turn; what the
        helper does not deliver is drawn here."""
        if self._conn is None:
            return [job() for job in jobs]
        drawn: dict = {}
        try:
            self._conn.send(jobs)
        except Exception:  # a job that does not pickle: no help
            self._stop(terminate=True)
            return [job() for job in jobs]
        while (i := _take(self._counter)) < len(jobs):
            drawn[i] = jobs[i]()
        answered = False
        try:
            if self._conn.poll(HELPER_WAIT_S):  # a helper that hangs must not hang the build
                drawn.update(self._conn.recv())
                answered = True
        except (EOFError, OSError):  # the helper ended without an answer
            pass
        self._stop(terminate=not answered)
        return [drawn[i] if i in drawn else job() for i, job in enumerate(jobs)]

    def __exit__(self, exc_type, *_) -> None:
        self._stop(terminate=exc_type is not None)

    def _stop(self, terminate: bool = False) -> None:
        """End the helper: tell it there is nothing (more) to draw, or terminate it (after an error)."""
        if self._process is None:
            return
        if not terminate:
            try:
                self._conn.send(None)
            except OSError:
                pass
            self._process.join(timeout=2)
        if self._process.is_alive():
            self._process.terminate()
            self._process.join()
        self._conn.close()
        self._conn = self._process = None


def draw_all(jobs: list[Callable[[], str]], helper: Optional[FigureHelper] = None) -> list[str]:
    """The figures ``job()`` in order, shared with ``helper`` when there is one."""
    return helper.draw(jobs) if helper is not None else [job() for job in jobs]
