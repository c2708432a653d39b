"""Figures drawn with the helper process are the figures drawn without it, in order, whatever the helper does."""
import multiprocessing
import os
from functools import partial

import pytest

from superind.output.drawing import FigureHelper, draw_all


def _jobs(n):
    return [partial(format, i, "03d") for i in range(n)]


def test_jobs_come_back_in_order_with_and_without_the_helper():
    with FigureHelper() as helper:
        assert helper.running == ((os.cpu_count() or 1) >= 2)  # one thread here; a helper needs a second CPU
        shared = draw_all(_jobs(9), helper)
        assert not helper.running
    assert shared == draw_all(_jobs(9)) == [f"{i:03d}" for i in range(9)]
    assert not multiprocessing.active_children()


def test_no_helper_is_forked_from_a_threaded_process():
    import threading

    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        with FigureHelper() as helper:
            assert not helper.running
            assert draw_all(_jobs(3), helper) == ["000", "001", "002"]
    finally:
        stop.set()
        other.join()


def test_unpicklable_jobs_are_drawn_here():
    jobs = [lambda i=i: str(i) for i in range(4)]  # lambdas do not pickle
    with FigureHelper() as helper:
        assert draw_all(jobs, helper) == ["0", "1", "2", "3"]
    assert not multiprocessing.active_children()


def test_a_failing_job_raises_here_and_leaves_no_helper_behind():
    jobs = _jobs(3) + [partial(int, "not a number")] + _jobs(2)
    with pytest.raises(ValueError):
        with FigureHelper() as helper:
            draw_all(jobs, helper)
    assert not multiprocessing.active_children()


def test_figures_of_a_film_are_the_same_bytes_with_the_helper():
    # real jobs: the Film travels pickled to the helper, and Agg draws the same PNG there as here
    import superind as si
    from superind.output import figures as fx

    film = si.make_film("TiN", R_sq="1.5 kOhm", Tc="2 K")
    jobs = [partial(fx.lk_png, film, 0.02), partial(fx.breakdown_png, film, (0.46, "R_Q/2", 3226.0)),
            partial(fx.lk_png, film, 0.1)]
    with FigureHelper() as helper:
        shared = draw_all(jobs, helper)
    assert shared == draw_all(jobs) and all(src.startswith("data:image/png;base64,") for src in shared)
