"""Faults through the console script in a subprocess: exit codes of `drc`, Ctrl-C during a build, a full disk,
a Dask scheduler that never answers — each with one stderr line, no traceback, and the old outputs intact."""
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

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
