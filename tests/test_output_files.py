"""Outputs under faults: an output set is all-or-nothing (exceptions, Ctrl-C, full disk, read-only folder), files get
the umask's mode, GDS files are checked by reading them back, SVG is deterministic, names and text inputs are safe.

Expected values come from outside the code under test: the bytes the test itself wrote before the failure, the
POSIX mode arithmetic 0o666 & ~umask, polygon counts of shapes the test draws by hand, and the GDSII stream format
(a file ends with the 4-byte ENDLIB record).
"""
from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
from pathlib import Path

import gdstk
import numpy as np
import pytest

from superind import atomic
from superind.errors import InputError
from superind.layout import load_process
from superind.layout.io import gds_bytes, verify_gds
from superind import files as files_module
from superind.files import OutputError, OutputSet, inside, safe_stem, write_file_atomic
from superind.textfiles import read_text

ROOT = os.geteuid() == 0 if hasattr(os, "geteuid") else False
OLD = {"json": b'{"L_H": 3e-07}\n', "svg": b"<svg>old</svg>\n", "gds": b"old gds bytes"}


def contents(folder: Path) -> dict[str, bytes]:
    """Every entry of ``folder`` (hidden ones too) with its bytes."""
    return {p.name: p.read_bytes() if p.is_file() else b"<folder>" for p in sorted(folder.iterdir())}


def old_set(folder: Path) -> dict[str, bytes]:
    with OutputSet(folder, "dev") as files:
        for suffix, data in OLD.items():
            files.write_bytes(suffix, data)
    before = contents(folder)
    assert before == {f"dev.{k}": v for k, v in OLD.items()}
    return before


def one_line(exc: pytest.ExceptionInfo) -> str:
    text = str(exc.value)
    assert text and "\n" not in text and "Traceback" not in text
    return text


@pytest.fixture
def out(tmp_path):
    """An empty output folder (tmp_path itself holds the suite's empty user-materials folder)."""
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


@pytest.fixture
def tmpfs(tmp_path):
    """A 64 kB tmpfs mounted at a fresh folder (root only; skipped where mounting is not permitted)."""
    mnt = tmp_path / "small_disk"
    mnt.mkdir()
    if not ROOT or subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mnt)],
                                  capture_output=True).returncode != 0:
        pytest.skip("mounting a small tmpfs needs root and mount permission")
    yield mnt
    if subprocess.run(["umount", str(mnt)], capture_output=True).returncode != 0:
        subprocess.run(["umount", "-l", str(mnt)], capture_output=True)


# ------------------------------------------------------------------------------------------ all or nothing
def test_new_set_replaces_every_file_and_leaves_nothing_else(out):
    old_set(out)
    with OutputSet(out, "dev") as files:
        for suffix in ("json", "svg", "gds", "html"):
            files.write_text(suffix, f"new {suffix}\n")
    assert contents(out) == {f"dev.{s}": f"new {s}\n".encode() for s in ("gds", "html", "json", "svg")}


@pytest.mark.parametrize("error", [RuntimeError("model failed"), KeyboardInterrupt()])
def test_failure_in_the_middle_of_a_set_keeps_the_previous_set(out, error):
    before = old_set(out)
    with pytest.raises(type(error)):
        with OutputSet(out, "dev") as files:
            files.write_text("json", "{}")
            files.write_text("svg", "<svg/>")
            raise error
    assert contents(out) == before


def test_failure_while_moving_files_puts_the_previous_set_back(out, monkeypatch):
    before = old_set(out)
    real_replace, moves = os.replace, []

    def failing_replace(src, dst):  # the second file's move into place fails
        if f"{os.sep}new{os.sep}" in str(src):
            moves.append(dst)
            if len(moves) == 2:
                raise OSError(28, "No space left on device")
        return real_replace(src, dst)

    monkeypatch.setattr(files_module.os, "replace", failing_replace)
    with pytest.raises(OutputError) as err:
        with OutputSet(out, "dev") as files:
            for suffix in ("json", "svg", "gds", "html"):
                files.write_text(suffix, "new")
    assert "disk is full" in one_line(err)
    assert len(moves) == 2  # the first file was already replaced, and was put back
    assert contents(out) == before


def test_ctrl_c_while_moving_files_is_delivered_after_the_set_is_complete(out, monkeypatch):
    old_set(out)
    real_replace = os.replace

    def interrupted_replace(src, dst):
        if str(src).endswith("dev.json"):
            os.kill(os.getpid(), signal.SIGINT)
        return real_replace(src, dst)

    monkeypatch.setattr(files_module.os, "replace", interrupted_replace)
    with pytest.raises(KeyboardInterrupt):
        with OutputSet(out, "dev") as files:
            for suffix in ("json", "svg", "gds"):
                files.write_text(suffix, "new")
    assert contents(out) == {f"dev.{s}": b"new" for s in ("gds", "json", "svg")}


def test_failed_check_keeps_the_previous_set_and_a_created_folder_is_removed(out):
    before = old_set(out)

    def reject(path):
        raise OutputError(f"the GDS file {path!r} is incomplete")

    with pytest.raises(OutputError):
        with OutputSet(out, "dev") as files:
            files.write_text("json", "{}")
            files.write_bytes("gds", b"x", verify=reject)
    assert contents(out) == before
    with pytest.raises(RuntimeError):
        with OutputSet(out / "made" / "deeper", "dev") as files:
            files.write_text("json", "{}")
            raise RuntimeError
    assert not (out / "made").exists()


def test_single_file_writes_go_through_the_same_machinery(out):
    def broken(tmp):
        Path(tmp).write_bytes(b"partial")
        raise RuntimeError("disk gone")

    (out / "x.nc").write_bytes(b"previous")
    with pytest.raises(RuntimeError):
        atomic.atomic_write(out / "x.nc", broken)
    assert contents(out) == {"x.nc": b"previous"}
    atomic.write_text(out / "x.nc", "new")
    assert contents(out) == {"x.nc": b"new"}
    with pytest.raises(OutputError, match="does not exist"):
        write_file_atomic(out / "nope" / "x.nc", lambda tmp: None)


# ------------------------------------------------------------------------------------------ environment faults
def test_full_disk_keeps_the_previous_set(tmpfs):
    before = old_set(tmpfs)
    with pytest.raises(OutputError) as err:
        with OutputSet(tmpfs, "dev") as files:
            files.write_text("json", "{}")
            files.write_bytes("gds", b"\0" * 200_000)  # three times the disk
    assert "disk is full" in one_line(err) and str(tmpfs) in str(err.value)
    assert contents(tmpfs) == before


def test_gdstk_silent_short_write_on_a_full_disk_is_caught(tmpfs):
    before = old_set(tmpfs)
    lib = gdstk.Library(unit=1e-6, precision=1e-9)
    cell = lib.new_cell("many")
    cell.add(*[gdstk.rectangle((i, 0), (i + 0.5, 1)) for i in range(4000)])  # ≈ 0.2 MB of GDS, disk 64 kB
    with pytest.raises(OutputError) as err:
        with OutputSet(tmpfs, "dev") as files:
            files.write_with("gds", lambda tmp: lib.write_gds(tmp), verify=lambda tmp: verify_gds(tmp, lib))
    assert "incomplete" in one_line(err) or "disk is full" in str(err.value)
    assert contents(tmpfs) == before


def test_read_only_folder_keeps_the_previous_set(tmp_path, tmpfs_or_chmod):
    folder = tmpfs_or_chmod
    before = contents(folder)
    with pytest.raises(OutputError) as err:
        with OutputSet(folder, "dev") as files:
            files.write_text("json", "{}")
    assert any(word in one_line(err) for word in ("read-only", "permission denied"))
    assert contents(folder) == before


@pytest.fixture
def tmpfs_or_chmod(tmp_path):
    """A folder holding a previous set that cannot be written to: chmod 0555 for a normal user (root ignores
    permissions), a tmpfs remounted read-only for root (skipped where mounting is not permitted)."""
    folder = tmp_path / "ro"
    folder.mkdir()
    if not ROOT:
        old_set(folder)
        folder.chmod(0o555)
        yield folder
        folder.chmod(0o755)
        return
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(folder)],
                      capture_output=True).returncode != 0:
        pytest.skip("as root a read-only folder needs a read-only mount, and mounting is not permitted")
    try:
        old_set(folder)
        subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True, capture_output=True)
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], capture_output=True)


@pytest.mark.parametrize("where", ["file_as_folder", "proc"])
def test_unusable_folders_give_one_line(tmp_path, where):
    if where == "file_as_folder":
        (tmp_path / "notes.txt").write_text("a file")
        folder, expect = tmp_path / "notes.txt" / "out", "is a file, not a folder"
    else:
        if not os.path.isdir("/proc/self"):
            pytest.skip("no /proc")
        folder, expect = Path("/proc/self"), "cannot hold files"
    with pytest.raises(OutputError) as err:
        with OutputSet(folder, "dev") as files:
            files.write_text("json", "{}")
    assert expect in one_line(err)
    assert OutputError.exit_code == 2 and isinstance(err.value, InputError)


@pytest.mark.parametrize("umask, mode", [(0o022, 0o644), (0o077, 0o600)])
def test_files_get_the_mode_the_umask_gives(out, umask, mode):
    previous = os.umask(umask)
    try:
        with OutputSet(out, "dev") as files:
            files.write_text("json", "{}")
            files.write_with("gds", lambda tmp: gds_lib().write_gds(tmp))
        atomic.write_text(out / "single.txt", "x")
    finally:
        os.umask(previous)
    for name in ("dev.json", "dev.gds", "single.txt"):
        assert stat.S_IMODE((out / name).stat().st_mode) == mode  # 0o666 & ~umask


# ------------------------------------------------------------------------------------------ GDS and SVG content
def gds_lib() -> gdstk.Library:
    """Three 1 × 2 µm rectangles and a 6000-vertex circle of radius 5 µm at (20, 0) µm (split in two on writing:
    ≤ 4094 vertices per polygon)."""
    lib = gdstk.Library(unit=1e-6, precision=1e-9)
    cell = lib.new_cell("hand")
    cell.add(*[gdstk.rectangle((3 * i, 0), (3 * i + 1, 2)) for i in range(3)])
    angle = 2 * np.pi * np.arange(6000) / 6000
    cell.add(gdstk.Polygon(np.column_stack([20 + 5 * np.cos(angle), 5 * np.sin(angle)])))
    return lib


def test_gds_check_reads_back_and_catches_a_truncated_file(tmp_path):
    lib = gds_lib()
    assert lib.cells[0].polygons[-1].size > 4094
    data = gds_bytes(lib)
    assert data[-4:] == b"\x00\x04\x04\x00"  # GDSII ENDLIB record
    good = tmp_path / "good.gds"
    good.write_bytes(data)
    summary = verify_gds(good, lib)
    assert summary.polygons == 3 + 2 and summary.cells == ("hand",)
    assert summary.bounding_box_m == pytest.approx((0.0, -5e-6, 25e-6, 5e-6), abs=1.1e-9)
    for cut in (len(data) // 2, len(data) - 2):
        short = tmp_path / f"cut{cut}.gds"
        short.write_bytes(data[:cut])
        with pytest.raises(OutputError, match="incomplete") as err:
            verify_gds(short, lib)
        one_line(err)
    other = gdstk.Library(unit=1e-6, precision=1e-9)
    other.new_cell("hand").add(gdstk.rectangle((0, 0), (1, 2)))
    (tmp_path / "other.gds").write_bytes(gds_bytes(other))
    with pytest.raises(OutputError, match="1 polygons in 1 cells, not the 5"):
        verify_gds(tmp_path / "other.gds", lib)


SVG_SCRIPT = """
import sys
from superind.layout import chip, meander
from superind.layout.io import svg_text
cells = [meander(100e-9, 100e-9, squares=n, name=f"m{n}") for n in (300, 600, 900)]
sys.stdout.write(svg_text(chip(cells, columns=2, labels=["A", "B", "C"])))
"""


def test_svg_is_byte_identical_across_processes():
    runs = [subprocess.run([sys.executable, "-c", SVG_SCRIPT], capture_output=True, check=True,
                           env={**os.environ, "PYTHONHASHSEED": seed}).stdout for seed in ("1", "2")]
    assert runs[0] == runs[1]
    assert runs[0].count(b"<polygon") > 10 and b'id="0x' not in runs[0] and runs[0].rstrip().endswith(b"</svg>")


# ------------------------------------------------------------------------------------------ names and paths
@pytest.mark.parametrize("name", ["../escaped", "/abs", "", ".hidden", "a/b", "a\nb", "-rf", "x" * 101, None])
def test_unsafe_names_are_rejected_with_the_rule(out, name):
    with pytest.raises(InputError, match="letters, digits") as err:
        safe_stem(name)
    one_line(err)
    with pytest.raises(InputError):
        OutputSet(out, name)
    assert list(out.iterdir()) == []


@pytest.mark.parametrize("name", ["tin_rfsquid", "a.b-c_1", "x" * 100, "_draft"])
def test_plain_names_are_accepted(name):
    assert safe_stem(name) == name


def test_no_output_lands_outside_the_folder(tmp_path):
    out, elsewhere = tmp_path / "out", tmp_path / "elsewhere.gds"
    out.mkdir()
    elsewhere.write_bytes(b"not yours")
    (out / "dev.gds").symlink_to(elsewhere)
    assert inside(out, "dev.json") == out.resolve() / "dev.json"
    for path in ("../x", "/etc/passwd", "dev.gds"):
        with pytest.raises(InputError, match="outside the output folder"):
            inside(out, path)
    with pytest.raises(InputError, match="outside the output folder"):
        with OutputSet(out, "dev") as files:
            files.write_text("gds", "new")
    assert elsewhere.read_bytes() == b"not yours" and sorted(p.name for p in out.iterdir()) == ["dev.gds"]


# ------------------------------------------------------------------------------------------ reading text files
def test_utf8_with_or_without_bom_is_read(tmp_path):
    plain, bom = tmp_path / "plain.toml", tmp_path / "bom.toml"
    plain.write_bytes("name = 'Φ0 café'\r\n".encode())
    bom.write_bytes(b"\xef\xbb\xbf" + "name = 'Φ0 café'\n".encode())
    assert read_text(plain, "design file") == read_text(bom, "design file") == "name = 'Φ0 café'\n"


@pytest.mark.parametrize("content, expect", [
    ("name = 'café'\n".encode("latin-1"), "not UTF-8 text (byte 0xE9 on line 1)"),
    (b"line\n\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
    ("name = 'x'\n".encode("utf-16"), "UTF-16"),
])
def test_other_encodings_and_binary_files_are_refused_in_one_line(tmp_path, content, expect):
    path = tmp_path / "design.toml"
    path.write_bytes(content)
    with pytest.raises(InputError) as err:
        read_text(path, "design file")
    assert expect in one_line(err) and "design file" in str(err.value) and str(path) in str(err.value)


def test_missing_files_folders_and_process_files(tmp_path):
    with pytest.raises(InputError, match="not found"):
        read_text(tmp_path / "none.toml", "design file")
    with pytest.raises(InputError, match="is a folder"):
        read_text(tmp_path, "design file")
    bad = tmp_path / "latin.toml"
    bad.write_bytes("name = 'procédé'\n".encode("latin-1"))
    with pytest.raises(InputError, match="process file .* not UTF-8") as err:
        load_process(bad)
    one_line(err)
