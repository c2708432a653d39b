"""Atomic single-file output, kept for the writers that take a path (netCDF, PNG figures, layout files).

Every call goes through ``superind.files`` (a transactional set of one file): the file is written in a
temporary folder beside its target, fsynced, optionally checked, then moved into place with ``os.replace``; on
any failure the previous file is unchanged and nothing temporary remains. New files get the mode the umask
gives (0644 under umask 022), not ``mkstemp``'s 0600.
"""
from __future__ import annotations

from pathlib import Path

from .files import Verify, Writer, write_bytes_atomic, write_file_atomic


def atomic_write(path, write: Writer, verify: Verify = None) -> Path:
    """Call ``write(tmp_path)`` (a path that does not exist yet) beside ``path``, check it with
    ``verify(tmp_path)`` if given, then move it to ``path``. The folder must exist (InputError otherwise)."""
    return write_file_atomic(path, write, verify)


def write_bytes(path, data: bytes) -> Path:
    """Write ``data`` to ``path`` atomically."""
    return write_bytes_atomic(path, data)


def write_text(path, text: str) -> Path:
    """Write ``text`` (UTF-8) to ``path`` atomically."""
    return write_bytes(path, text.encode("utf-8"))
