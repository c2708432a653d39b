"""Atomic file output: write to a temporary file in the target folder, then ``os.replace`` it into place.

An existing file is never half-overwritten and a failed write leaves nothing behind. Used by every writer in
superind (JSON, HTML, GDS, .lyp, SVG, netCDF).
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Callable

from .errors import InputError


def atomic_write(path, write: Callable[[str], object]) -> Path:
    """Call ``write(tmp_path)`` on a temporary file next to ``path``, then move it to ``path``.

    The folder must exist (InputError otherwise); on any failure the temporary file is removed.
    """
    path = Path(path).expanduser()
    if not path.parent.is_dir():
        raise InputError(f"output folder '{path.parent}' does not exist; create it first")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        write(tmp)
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise InputError(f"cannot write '{path}': {exc.strerror or exc}") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def write_text(path, text: str) -> Path:
    """Write ``text`` (UTF-8) to ``path`` atomically."""
    return atomic_write(path, lambda tmp: Path(tmp).write_text(text, encoding="utf-8"))
