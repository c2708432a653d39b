"""Reading the text files a user gives (design files, material YAML, CSV data, process files) with one-line errors.

A file is read as UTF-8, with or without a byte-order mark, and line ends are normalised to ``\\n`` (as Python's
text mode does). Anything else — a missing file, a folder, a device or pipe, no permission, a binary file, text
in another encoding such as Latin-1 — raises ``InputError`` with one line naming the file, what was expected
and what to do.
"""
from __future__ import annotations

import codecs
import stat
from pathlib import Path

from .errors import InputError

#: the largest text file read (bytes): user inputs are kilobytes; this stops a wrong path to a huge file
MAX_TEXT_BYTES = 100_000_000
_OTHER_BOMS = {codecs.BOM_UTF32_LE: "UTF-32", codecs.BOM_UTF32_BE: "UTF-32", codecs.BOM_UTF16_LE: "UTF-16",
               codecs.BOM_UTF16_BE: "UTF-16"}


def read_text(path, what: str, *, max_bytes: int = MAX_TEXT_BYTES) -> str:
    """The text of ``path`` (UTF-8, optional BOM), or InputError naming the file as ``what`` ("design file").

    Only regular files are read (a FIFO or device would block or never end), up to ``max_bytes``."""
    p = Path(path).expanduser()
    name = f"{what} {str(p)!r}"
    try:
        info = p.stat()
        if stat.S_ISDIR(info.st_mode):
            raise InputError(f"{name} is a folder; give the path of a file")
        if not stat.S_ISREG(info.st_mode):
            raise InputError(f"{name} is not a regular file (a device or pipe?); give the path of a text file")
        if info.st_size > max_bytes:
            raise InputError(f"{name} has {info.st_size / 1e6:.0f} MB, more than the {max_bytes / 1e6:.0f} MB "
                             f"expected of a {what}; check the path")
        data = p.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{name} not found; check the path") from None
    except PermissionError:
        raise InputError(f"cannot read {name}: permission denied; make it readable or copy it") from None
    except OSError as exc:
        raise InputError(f"cannot read {name}: {exc.strerror or exc}; check the path") from None
    return decode_text(data, name)


def decode_text(data: bytes, name: str) -> str:
    """``data`` decoded as UTF-8 (a leading BOM dropped, line ends → ``\\n``); ``name`` appears in the error."""
    for bom, encoding in _OTHER_BOMS.items():
        if data.startswith(bom):
            raise InputError(f"{name} is {encoding} text; save it as UTF-8")
    if b"\x00" in data:
        raise InputError(f"{name} is a binary file, not text; give the text file")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise InputError(f"{name} is not UTF-8 text (byte 0x{data[exc.start]:02X} on line {line}); save it as "
                         f"UTF-8") from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_toml(path, what: str) -> dict:
    """A TOML file (read as ``read_text`` does) as a mapping; not valid TOML → one-line InputError naming the file."""
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10: the same parser as the tomli package
        import tomli as tomllib

    text = read_text(path, what)
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"{path}: not valid TOML ({exc})") from None


def read_rows(path, what: str) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """A delimited text table read as ``read_text`` does: (header cells, [(line number, cells), …]).

    Lines that are blank or start with ``#`` or ``!`` are skipped; the first other line is the header. The
    delimiter is the first of tab, ``;`` and ``,`` found in the header, else runs of whitespace. Cells are
    stripped. InputError (one line, naming the file) when the file holds no header."""
    text = read_text(path, what)
    lines = [(k + 1, line) for k, line in enumerate(text.split("\n"))
             if line.strip() and not line.lstrip().startswith(("#", "!"))]
    if not lines:
        raise InputError(f"{what} {str(path)!r} is empty: expected a header row and data rows")
    head = lines[0][1]
    sep = next((c for c in ("\t", ";", ",") if c in head), None)
    split = (lambda s: [c.strip() for c in s.split(sep)]) if sep else (lambda s: s.split())
    return split(head), [(k, split(line)) for k, line in lines[1:]]
