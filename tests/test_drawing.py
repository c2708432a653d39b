"""Figures drawn with the helper process are the figures drawn without it, in order, whatever the helper does.

The helper is forked only from a single-threaded process, and a test process may carry other tests' threads
(tqdm's monitor, say), so the helper's own scenarios run in a fresh interpreter."""
import subprocess
import sys
from functools import partial

from superind.output.drawing import FigureHelper, draw_all

HELPER_SCENARIOS = """
import multiprocessing, os, sys
from functools import partial
import pytest
from superind.output.drawing import FigureHelper, draw_all

helper_expected = sys.platform.startswith("linux") and (os.cpu_count() or 1) >= 2  # fork on Linux only
jobs = [partial(format, i, "03d") for i in range(9)]
expected = [f"{i:03d}" for i in range(9)]

# shared: both processes draw, results in order
with FigureHelper() as helper:
    assert helper.running == helper_expected
    shared = draw_all(jobs, helper)
    assert not helper.running
assert shared == draw_all(jobs) == expected, shared

# jobs that do not pickle (lambdas) are drawn here
with FigureHelper() as helper:
    assert draw_all([lambda i=i: str(i) for i in range(4)], helper) == ["0", "1", "2", "3"]

# a failing job raises here, wherever it was first drawn, and no helper is left behind
with pytest.raises(ValueError):
    with FigureHelper() as helper:
        draw_all(jobs[:3] + [partial(int, "not a number")] + jobs[3:], helper)
assert not multiprocessing.active_children()

# a helper that hangs is waited for HELPER_WAIT_S only, then terminated; its job is drawn here. The helper marks
# that it holds a job and hangs; this process's jobs wait for that mark, so the helper surely holds one.
import tempfile
import time
import superind.output.drawing as drawing

drawing.HELPER_WAIT_S = 0.5
PARENT, MARK = os.getpid(), os.path.join(tempfile.mkdtemp(), "helper-holds-a-job")


def slow(i):
    if os.getpid() != PARENT:
        open(MARK, "w").close()
        time.sleep(60)
    deadline = time.monotonic() + 30
    while not os.path.exists(MARK) and time.monotonic() < deadline:
        time.sleep(0.01)
    return str(i)


if helper_expected:
    start = time.monotonic()
    with FigureHelper() as helper:
        assert draw_all([partial(slow, i) for i in range(4)], helper) == ["0", "1", "2", "3"]
    assert os.path.exists(MARK) and not multiprocessing.active_children()
    assert time.monotonic() - start < 20  # not the helper's 60 s

# real figures: the Film travels pickled to the helper, and Agg draws the same PNG there as here
import superind as si
from superind.output import figures as fx

film = si.make_film("TiN", R_sq="1.5 kOhm", Tc="2 K")
jobs = [partial(fx.lk_png, film, 0.02), partial(fx.breakdown_png, film, (0.46, "R_Q/2", 3226.0)),
        partial(fx.lk_png, film, 0.1)]
with FigureHelper() as helper:
    assert helper.running == helper_expected
    shared = draw_all(jobs, helper)
assert shared == draw_all(jobs) and all(src.startswith("data:image/png;base64,") for src in shared)
print("ok")
"""


def test_helper_scenarios_in_a_fresh_process():
    out = subprocess.run([sys.executable, "-c", HELPER_SCENARIOS], capture_output=True, text=True)
    assert out.returncode == 0 and out.stdout.strip() == "ok", out.stderr[-2000:]


def test_no_helper_is_forked_from_a_threaded_process():
    import threading

    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        with FigureHelper() as helper:
            assert not helper.running
            assert draw_all([partial(format, i, "03d") for i in range(3)], helper) == ["000", "001", "002"]
    finally:
        stop.set()
        other.join()
