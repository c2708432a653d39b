"""Faults through the console script in a subprocess: exit codes of `drc`, Ctrl-C during a build, a full disk,
a Dask scheduler that never answers — each with one stderr line, no traceback, and the old outputs intact."""
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[1]
LAYOUTS = ROOT / "layouts"


def one_line_error(code, out, err, expected_code, match):
    assert code == expected_code, (code, err)
    assert err.count("\n") == 1 and err.startswith("superind: error:"), err
    assert "Traceback" not in err and match in err, err


def test_drc_with_violations_exits_1_through_the_console_script(tmp_path):
    import gdstk

    cell = gdstk.Cell("thin")
    cell.add(gdstk.rectangle((0, 0), (1, 0.005), layer=1))
    lib = gdstk.Library(unit=1e-6, precision=1e-9)
    lib.add(cell)
    lib.write_gds(str(tmp_path / "thin.gds"))
    p = subprocess.run([*_superind(), "drc", str(tmp_path / "thin.gds")], capture_output=True, text=True)
    assert p.returncode == 1 and "violation" in p.stdout and "Traceback" not in p.stderr


def _superind():
    """The console script of this environment."""
    script = Path(sys.executable).parent / "superind"
    return [str(script)] if script.exists() else [sys.executable, "-m", "superind"]


def test_ctrl_c_during_build_exits_130_and_keeps_the_old_set(tmp_path):
    out = tmp_path / "out"
    first = subprocess.run([*_superind(), "build", str(LAYOUTS / "inox_qps.toml"), "-o", str(out)],
                           capture_output=True, text=True)  # the old set: a quick design in the same folder
    assert first.returncode == 0, first.stderr
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    proc = subprocess.Popen([*_superind(), "build", str(LAYOUTS / "nbn_zeropi.toml"), "-o", str(out)],
                            stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    time.sleep(1.5)  # inside the 0-π solve
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert "Traceback" not in err and err.count("\n") == 1
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before  # the old set, byte-identical, nothing else


@pytest.mark.skipif(os.geteuid() != 0 or not shutil.which("mount"), reason="mounting a tmpfs needs root")
def test_full_disk_during_build_leaves_the_old_set_byte_identical(tmp_path):
    disk = tmp_path / "disk"
    disk.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1500k", "tmpfs", str(disk)]).returncode != 0:
        pytest.skip("mount not permitted here")
    try:
        first = subprocess.run([*_superind(), "build", str(LAYOUTS / "tin_rfsquid.toml"), "-o", str(disk)],
                               capture_output=True, text=True)
        assert first.returncode == 0, first.stderr
        before = {p.name: p.read_bytes() for p in disk.iterdir()}
        filler = disk / "filler"
        free = shutil.disk_usage(disk).free
        filler.write_bytes(b"\0" * max(free - 20_000, 0))  # leave less room than a second set needs
        keep = {**before, "filler": filler.read_bytes()}
        second = subprocess.run([*_superind(), "build", str(LAYOUTS / "tin_rfsquid.toml"), "-o", str(disk)],
                                capture_output=True, text=True)
        assert second.returncode == 2 and second.stderr.count("\n") == 1 and "Traceback" not in second.stderr
        assert {p.name: p.read_bytes() for p in disk.iterdir()} == keep  # no temporary file either
    finally:
        subprocess.run(["umount", str(disk)])


def test_dask_scheduler_that_never_answers_fails_within_the_timeout(run_cli, tmp_path):
    import socket
    import threading

    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(4)
    conns = []
    stop = threading.Event()

    def accept():
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                conns.append(server.accept()[0])  # accept and never answer
            except OSError:
                pass

    threading.Thread(target=accept, daemon=True).start()
    try:
        t0 = time.perf_counter()
        code, out, err = run_cli("sweep", str(LAYOUTS / "tin_rfsquid.toml"), "--vary",
                                 "superinductor.width=80nm:100nm:2", "--scheduler",
                                 f"tcp://127.0.0.1:{server.getsockname()[1]}", "--timeout", "2",
                                 "-o", str(tmp_path / "s.nc"))
        assert time.perf_counter() - t0 < 20
        one_line_error(code, out, err, 2, "127.0.0.1")
        assert not (tmp_path / "s.nc").exists()
    finally:
        stop.set()
        server.close()
        for c in conns:
            c.close()


# ------------------------------------------------------------------------------------------ no orphans
LINUX_PROC = Path("/proc/self/stat").exists()
#: the contract: a killed or interrupted sweep's workers are gone within this time (s)
GONE_WITHIN_S = 5.0


def _stat(pid: int):
    """(parent pid, start time in clock ticks, state) of a live process, else None (the kernel's /proc/PID/stat)."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = text[text.rindex(")") + 2:].split()  # after "pid (comm) ": state, ppid, …; starttime is field 22
    return int(fields[1]), int(fields[19]), fields[0]


def _children(pid: int) -> dict:
    """The child processes of ``pid``: pid → start time (identifies the process even if its pid is reused)."""
    out = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and (st := _stat(int(entry.name))) and st[0] == pid:
            out[int(entry.name)] = st[1]
    return out


def _alive(processes: dict) -> list:
    """Which of ``processes`` (pid → start time) still run (a zombie waiting to be reaped has ended)."""
    return [pid for pid, start in processes.items()
            if (st := _stat(pid)) is not None and st[1] == start and st[2] != "Z"]


def _gone_within(processes: dict, seconds: float) -> list:
    """Poll until every one of ``processes`` has ended or ``seconds`` have passed; the ones still alive."""
    deadline = time.monotonic() + seconds
    while (alive := _alive(processes)) and time.monotonic() < deadline:
        time.sleep(0.05)
    return alive


def _sweep_with_progress(tmp_path):
    """A 2-worker sweep through the console script in its own session, stderr on a pseudo-terminal (so the progress
    bar is drawn); returns (process, pty master fd) once its first task (2 points) has finished and the other worker
    is inside its own task, which runs for several seconds more.

    The design is the shipped RF-SQUID with no wire modes; the grid is 2 flux grids × 2 sheet resistances. The
    first task holds the two points on a 21-point flux grid (~0.1 s each), the second the two on a 100 001-point
    grid (seconds each): a Ctrl-C that waited for the running task would take seconds more."""
    import fcntl
    import pty
    import struct
    import termios

    design = tmp_path / "quick.toml"
    design.write_text((LAYOUTS / "tin_rfsquid.toml").read_text().replace("modes = 3", "modes = 0"))
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 120, 0, 0))  # a zero-width bar shows nothing
    proc = subprocess.Popen([*_superind(), "sweep", str(design), "--vary", "qubit.flux.points=21:100001:2",
                             "--vary", "film.R_sq=1kOhm:2kOhm:2", "--workers", "2", "-o", str(tmp_path / "s.nc")],
                            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=slave, start_new_session=True)
    os.close(slave)
    seen, deadline = "", time.monotonic() + 120  # bounded: a stuck sweep fails the test instead of hanging it
    while " 2/4 " not in seen and time.monotonic() < deadline and proc.poll() is None:
        seen += _read(master, 0.2)
    assert " 2/4 " in seen, seen
    return proc, master


def _read(fd: int, timeout_s: float) -> str:
    """What the pseudo-terminal ``fd`` holds within ``timeout_s`` ("" at its end)."""
    import select

    if not select.select([fd], [], [], timeout_s)[0]:
        return ""
    try:
        return os.read(fd, 65536).decode("utf-8", "replace")
    except OSError:  # EIO: every writer has closed the terminal
        return ""


@pytest.mark.skipif(not LINUX_PROC, reason="reads /proc")
def test_ctrl_c_during_a_sweep_exits_130_keeps_finished_points_and_leaves_no_worker(tmp_path):
    import xarray as xr

    proc, master = _sweep_with_progress(tmp_path)
    workers = _children(proc.pid)
    try:
        assert len(workers) == 2, workers
        os.killpg(proc.pid, signal.SIGINT)  # as a terminal's Ctrl-C: to the whole foreground process group
        assert _gone_within(workers, GONE_WITHIN_S) == []
        proc.wait(timeout=GONE_WITHIN_S)
        err = "".join(iter(lambda: _read(master, 0.1), ""))
    finally:
        for pid in _alive(workers):
            os.kill(pid, signal.SIGKILL)
        proc.kill()
        proc.wait()
        os.close(master)
    assert proc.returncode == 130, err
    assert "Traceback" not in err
    assert "kept 2 of 4 points" in err
    with xr.open_dataset(tmp_path / "s.nc", engine="h5netcdf") as ds:
        assert ds["error"].values.tolist() == [["", ""], ["interrupted", "interrupted"]]
        assert np.isfinite(ds["L_H"].values[0]).all() and np.isnan(ds["L_H"].values[1]).all()


@pytest.mark.skipif(not LINUX_PROC, reason="reads /proc")
def test_sigkill_of_a_sweep_leaves_no_worker(tmp_path):
    proc, master = _sweep_with_progress(tmp_path)
    workers = _children(proc.pid)
    try:
        assert len(workers) == 2, workers
        os.kill(proc.pid, signal.SIGKILL)  # as the OOM killer does: no cleanup runs in the parent
        proc.wait(timeout=GONE_WITHIN_S)
        assert _gone_within(workers, GONE_WITHIN_S) == []
    finally:
        for pid in _alive(workers):  # a failed test leaves no orphan either
            os.kill(pid, signal.SIGKILL)
        proc.kill()
        proc.wait()
        os.close(master)
    assert not (tmp_path / "s.nc").exists()


WATCHED_CHILD = """
import multiprocessing, os, time
import superind.children as children
children._ask_kernel = lambda: False  # no prctl: the portable watchdog thread alone (as off Linux)

def child(creator_pid):
    children.die_with_parent(creator_pid)
    print(os.getpid(), flush=True)  # watching from now on
    time.sleep(60)

if __name__ == "__main__":
    multiprocessing.get_context("fork").Process(target=child, args=(os.getpid(),)).start()
    time.sleep(60)
"""


@pytest.mark.skipif(not LINUX_PROC, reason="reads /proc")
def test_the_watchdog_alone_ends_a_child_whose_parent_was_killed(tmp_path):
    (tmp_path / "watched.py").write_text(WATCHED_CHILD)
    parent = subprocess.Popen([sys.executable, str(tmp_path / "watched.py")], stdout=subprocess.PIPE, text=True,
                              start_new_session=True)
    child = {}
    try:
        pid = int(parent.stdout.readline())
        child = {pid: _stat(pid)[1]}
        assert _alive(child) == [pid]
        parent.kill()
        parent.wait(timeout=GONE_WITHIN_S)
        assert _gone_within(child, GONE_WITHIN_S) == []
    finally:
        for pid in _alive(child):
            os.kill(pid, signal.SIGKILL)
        parent.kill()
        parent.wait()
