"""Output files you can trust under faults: the files of one run are written completely or not at all.

``OutputSet(folder, stem)`` writes every file of a set (``NAME.json``, ``NAME.gds``, …) into a hidden temporary
folder *inside* the target folder (the same file system even when the target folder is a mount point), flushes
and fsyncs each file and that folder, runs each file's check (a GDS read back with gdstk, for example), and only
then moves the set into place with one ``os.replace`` per file. Each file it replaces is first hard-linked into
the temporary folder (renamed there on file systems without hard links); if any step fails, the replaced files
are put back and the new ones removed, so the previous set stays byte-identical and nothing temporary remains.
Ctrl-C, SIGTERM and SIGHUP arriving while the files are moved are held back and delivered right after.
New files get the mode the umask gives (0644 under umask 022). Errors become one-line ``OutputError`` messages.
No file replaces an input of the run (the design, its process file …) or lands in superind's shipped data
(``check_output``).

Crash window: a process killed without cleanup (SIGKILL, power loss) while the files are moved — a few renames,
microseconds — can leave old and new files mixed; the old ones then remain in ``.superind-NAME-*.tmp/old`` inside
the target folder. Killed earlier, it leaves only that hidden folder: no target file is touched before every file
of the set is written, synced and checked. Durability after power loss needs a file system that honours fsync.
"""
from __future__ import annotations

import errno
import os
import re
import shutil
import signal
import stat
import tempfile
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Optional

from .errors import InputError

#: a writer gets the path of a file that does not exist yet and creates it
Writer = Callable[[str], object]
#: a check gets the path of the written (synced) file and raises if it is wrong
Verify = Optional[Callable[[str], object]]

#: a plain name (of files, cells): 1–100 ASCII letters, digits, '_', '-', '.', not starting with '.' or '-'
SAFE_NAME = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]{0,99}")
_SUFFIX = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]{0,31}")
_ADVICE = {
    errno.ENOSPC: "the disk is full; free some space or choose another output folder",
    getattr(errno, "EDQUOT", -1): "the disk quota is used up; free some space or choose another output folder",
    errno.EACCES: "permission denied; choose a folder you can write to",
    errno.EPERM: "operation not permitted; choose a folder you can write to",
    errno.EROFS: "the file system is read-only; choose another output folder",
    errno.ENOTDIR: "a file stands where a folder is expected; choose another output folder",
    errno.EISDIR: "a folder stands where a file is expected; remove it or choose another name",
    errno.ENOENT: "the folder does not exist or cannot hold files; choose another output folder",
    errno.ENAMETOOLONG: "the path is too long; choose a shorter folder or name",
    errno.EIO: "input/output error; check the disk",
}
_HELD_SIGNALS = tuple(getattr(signal, n) for n in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, n))


class OutputError(InputError):
    """A file could not be written (disk full, no permission, read-only, a file where a folder should be …).

    The one-line message names the path and what to do; the CLI prints it and exits with ``exit_code``."""

    exit_code = 2


def output_error(exc: OSError, path) -> OutputError:
    """The one-line ``OutputError`` for an ``OSError`` met while writing ``path``."""
    advice = _ADVICE.get(exc.errno, f"{exc.strerror or exc}; check the folder or choose another one")
    return OutputError(f"cannot write {str(path)!r}: {advice}")


def safe_stem(name) -> str:
    """``name`` if it can name files: 1–100 ASCII letters, digits, '_', '-', '.', not starting with '.' or '-'.

    A design name becomes ``NAME.gds`` etc.; this rule keeps it a plain file name in the output folder (no
    '../', '/', hidden file or option-like name). Anything else raises InputError stating the rule."""
    if isinstance(name, str) and SAFE_NAME.fullmatch(name):
        return name
    raise InputError(f"name {name!r} cannot name output files: use 1 to 100 letters, digits, '_', '-' or '.', "
                     f"starting with a letter, digit or '_'")


def inside(folder, path) -> Path:
    """``path`` (relative paths are taken in ``folder``) with symlinks resolved, if it lies inside ``folder``.

    Raises InputError when the resolved path is ``folder`` itself or outside it (``..``, absolute paths,
    symlinks pointing elsewhere), so no output can land outside the folder the user gave."""
    root = Path(folder).expanduser().resolve()
    target = (root / Path(path).expanduser()).resolve()
    if root not in target.parents:
        raise InputError(f"{str(path)!r} resolves to {str(target)!r}, outside the output folder {str(root)!r}; "
                         f"remove the link or choose a name inside the folder")
    return target


def shipped_data_folders() -> tuple[Path, ...]:
    """The folders superind ships, which no command writes into: the installed package (with its data, in a wheel
    ``superind/_data``) and, in a source checkout, its ``material_db`` and ``layouts`` folders."""
    from .layout.process import _shipped_dir as processes_dir
    from .materials import _shipped_dir as materials_dir

    folders = (Path(__file__).parent, materials_dir(), processes_dir().parent)
    return tuple(dict.fromkeys(folder.resolve() for folder in folders))


def check_output(path, inputs=()) -> None:
    """Refuse (one-line InputError) to write ``path`` when it is one of ``inputs`` (the same file: symlinks
    resolved, or the same inode, e.g. a hard link) or lies in superind's shipped data (``shipped_data_folders``).
    ``inputs``: the files a command read (None and '' are skipped)."""
    target = Path(path).expanduser().resolve()
    for source in inputs:
        if not source:
            continue
        given = Path(source).expanduser()
        if target == given.resolve() or _same_inode(target, given):
            raise InputError(f"refusing to write {str(path)!r}: it is the input {str(source)!r}, which would be "
                             f"replaced; choose another output path")
    for folder in shipped_data_folders():
        if target == folder or folder in target.parents:
            raise InputError(f"refusing to write {str(path)!r}: it lies in superind's shipped data "
                             f"({str(folder)!r}); choose an output folder outside it")


def design_inputs(spec) -> tuple[str, ...]:
    """The files a design spec was read from: its design file ('' for a spec made in Python or from options) and
    its process file — what a command's outputs must not replace."""
    from .layout.process import process_path

    return spec.source, str(process_path(spec.layout.process))


def _same_inode(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:  # one of them does not exist (yet)
        return False


def output_path(out, default: str, suffixes: tuple[str, ...], what: str, inputs=()) -> Path:
    """The file an ``-o`` option names: ``default`` when it is not given; ``FOLDER/NAME`` (NAME: ``default``'s file
    name) when it names an existing folder or ends in a path separator; else the path itself, which must end in
    one of ``suffixes``. Refused with one line (InputError): a wrong suffix, and any path that is one of
    ``inputs`` or lies in the shipped data (``check_output``)."""
    if out is not None and str(out).strip():
        check_output(out, inputs)  # "-o design.toml" says that it is the design, not only that the suffix is wrong
    if out is None:
        path = Path(default)
    elif not str(out).strip():
        raise InputError(f"-o '': give the {what} file to write (ending in {suffixes[0]}) or a folder")
    elif Path(str(out)).expanduser().is_dir() or str(out).endswith(("/", os.sep)):
        path = Path(str(out)).expanduser() / Path(default).name
    else:
        path = Path(str(out)).expanduser()
        if path.suffix.lower() not in suffixes:
            raise InputError(f"-o '{out}': the {what} is written as a {'/'.join(suffixes)} file; give a path ending "
                             f"in {' or '.join(suffixes)}, or an existing folder")
    check_output(path, inputs)
    return path


def capture(write: Writer) -> bytes:
    """Run ``write(path)`` on a private scratch file and return the bytes it wrote.

    On Linux the scratch file is anonymous memory (``os.memfd_create``), so no disk can cut it short; elsewhere
    it is a file in the system temporary folder. For writers that only take a path (gdstk's GDS and SVG)."""
    if hasattr(os, "memfd_create") and os.path.isdir("/proc/self/fd"):
        fd = os.memfd_create("superind")
        try:
            write(f"/proc/self/fd/{fd}")
            with open(f"/proc/self/fd/{fd}", "rb") as fh:  # a new open file: reads from offset 0
                return fh.read()
        finally:
            os.close(fd)
    with tempfile.TemporaryDirectory(prefix="superind-") as scratch:
        path = os.path.join(scratch, "scratch")
        write(path)
        return Path(path).read_bytes()


def _write_new(path: str, data: bytes) -> None:
    """Create ``path`` (mode 0666 minus the umask), write all of ``data``, fsync, and check the size."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
        os.fsync(fd)
        if os.fstat(fd).st_size != len(data):
            raise OSError(errno.EIO, "the file is shorter than what was written", path)
    finally:
        os.close(fd)


def _fsync(path, directory: bool = False) -> None:
    fd = os.open(path, os.O_RDONLY | (getattr(os, "O_DIRECTORY", 0) if directory else 0))
    try:
        os.fsync(fd)
    except OSError as exc:  # some file systems cannot fsync a folder
        if not (directory and exc.errno in (errno.EINVAL, errno.ENOTSUP, errno.EBADF)):
            raise
    finally:
        os.close(fd)


def _backup(target: Path, backup: Path) -> None:
    """Keep the file ``target`` as ``backup``: a hard link (``target`` stays in place), else a rename."""
    try:
        os.link(target, backup)  # the targets are regular files superind wrote
    except OSError:  # no hard links on this file system
        os.replace(target, backup)


@contextmanager
def _signals_deferred():
    """Hold Ctrl-C, SIGTERM and SIGHUP (main thread only: Python runs signal handlers there) and deliver them after."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    received: list[int] = []
    previous = {}
    for sig in _HELD_SIGNALS:
        if signal.getsignal(sig) is not None:  # None: a handler installed outside Python; leave it
            previous[sig] = signal.signal(sig, lambda signum, frame: received.append(signum))
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        for sig in dict.fromkeys(received):
            signal.raise_signal(sig)


class OutputSet:
    """The files ``folder/STEM.SUFFIX`` of one run, written as one transaction (all or none).

    ``with OutputSet(out_dir, "tin_rfsquid") as files: files.write_text("json", text);
    files.write_bytes("gds", data); files.write_with("nc", lambda tmp: ds.to_netcdf(tmp))`` — the set is moved
    into place when the block ends without an exception; on any failure (exception, Ctrl-C, full disk, no
    permission) the previous files are left byte-identical. ``create``: make a missing folder (removed again
    if the set fails). ``verify(tmp_path)`` checks a written file before anything is moved. No file replaces one
    of ``inputs`` (the files the run read) or lands in superind's shipped data (``check_output``)."""

    def __init__(self, folder, stem: str, *, create: bool = True, inputs=()):
        self.stem = safe_stem(stem)
        self.folder = Path(folder).expanduser()
        self._create = create
        self._inputs = tuple(inputs)
        self._new: dict[str, Path] = {}
        self._tmp: Path | None = None
        self._made: list[Path] = []
        self._failure: str | None = None

    def path(self, suffix: str) -> Path:
        """Where the file with ``suffix`` lands: ``folder/STEM.SUFFIX``."""
        return self.folder / self._name(suffix)

    def write_text(self, suffix: str, text: str, verify: Verify = None) -> Path:
        """Add ``STEM.SUFFIX`` holding ``text`` as UTF-8; returns its final path."""
        return self.write_bytes(suffix, text.encode("utf-8"), verify)

    def write_bytes(self, suffix: str, data: bytes, verify: Verify = None) -> Path:
        """Add ``STEM.SUFFIX`` holding ``data``; returns its final path."""
        return self._add(self._name(suffix), lambda tmp: _write_new(tmp, data), verify)

    def write_with(self, suffix: str, write: Writer, verify: Verify = None) -> Path:
        """Add ``STEM.SUFFIX`` written by ``write(tmp_path)`` (a path that does not exist yet)."""
        return self._add(self._name(suffix), write, verify)

    def __enter__(self) -> "OutputSet":
        check_output(self.folder)  # not even a folder is made in the shipped data
        try:
            self._real = self._prepare_folder()
            self._tmp = Path(tempfile.mkdtemp(prefix=f".superind-{self.stem}-", suffix=".tmp", dir=self._real))
            (self._tmp / "new").mkdir()
            (self._tmp / "old").mkdir()
        except OSError as exc:
            self._discard()
            raise output_error(exc, self.folder) from None
        return self

    def __exit__(self, exc_type, exc, tb) -> bool:
        if self._tmp is None:
            return False
        if exc_type is not None:
            self._discard()
            return False
        try:
            if self._failure is not None:
                raise OutputError(f"no file of '{self.stem}' was written because {self._failure}")
            self._commit()
        except OSError as err:
            self._discard()
            raise output_error(err, err.filename or self.folder) from None
        except BaseException:
            self._discard()
            raise
        return False

    # ------------------------------------------------------------------------------------------ internals
    def _name(self, suffix: str) -> str:
        if not _SUFFIX.fullmatch(suffix):
            raise ValueError(f"file suffix {suffix!r}: use letters, digits, '_', '-', '.'")
        return f"{self.stem}.{suffix}"

    def _prepare_folder(self) -> Path:
        folder = self.folder
        if folder.exists() and not folder.is_dir():
            raise OutputError(f"cannot write into {str(folder)!r}: it is a file, not a folder; choose another "
                              f"output folder")
        if not folder.is_dir() and not self._create:
            raise OutputError(f"output folder {str(folder)!r} does not exist; create it first")
        missing = []
        parent = folder.absolute()
        while not os.path.lexists(parent):
            missing.append(parent)
            parent = parent.parent
        if not parent.is_dir():
            raise OutputError(f"cannot create {str(folder)!r}: {str(parent)!r} is a file, not a folder; choose "
                              f"another output folder")
        for directory in reversed(missing):
            directory.mkdir()
            self._made.append(directory)
        return folder.resolve()

    def _add(self, name: str, write: Writer, verify: Verify) -> Path:
        if self._tmp is None:
            raise RuntimeError("write the files inside 'with OutputSet(folder, stem) as files:'")
        if name in self._new:
            raise ValueError(f"'{name}' is written twice in one output set")
        new, final = self._tmp / "new" / name, self.folder / name
        check_output(final, self._inputs)
        try:
            write(str(new))
            if not new.is_file():
                raise OutputError(f"nothing was written for {str(final)!r}; the writer made no file")
            _fsync(new)
            if verify is not None:
                verify(str(new))
        except OSError as exc:
            self._failure = f"writing '{name}' failed"
            raise output_error(exc, final) from None
        except BaseException as exc:
            self._failure = f"writing '{name}' failed ({type(exc).__name__})"
            raise
        self._new[name] = new
        return final

    def _commit(self) -> None:
        targets = {name: self._real / name for name in self._new}
        for target in targets.values():  # refuse before touching anything
            inside(self._real, target.name)
            if os.path.lexists(target) and stat.S_ISDIR(os.lstat(target).st_mode):
                raise OutputError(f"cannot write {str(target)!r}: a folder has this name; remove or rename it")
        moved: list[tuple[Path, Path | None]] = []
        current = self._real
        with _signals_deferred():
            try:
                _fsync(self._tmp / "new", directory=True)
                for name, new in self._new.items():
                    current = target = targets[name]
                    backup = None
                    if os.path.lexists(target):
                        backup = self._tmp / "old" / name
                        _backup(target, backup)
                    moved.append((target, backup))
                    os.replace(new, target)
                _fsync(self._real, directory=True)
            except BaseException as exc:
                if not self._restore(moved):
                    kept, self._tmp = self._tmp, None
                    raise OutputError(f"writing {str(current)!r} failed and the previous files could not all be "
                                      f"put back; they are kept in {str(kept / 'old')!r}") from None
                if isinstance(exc, OSError):
                    raise output_error(exc, current) from None
                raise
        shutil.rmtree(self._tmp, ignore_errors=True)
        self._tmp = None

    @staticmethod
    def _restore(moved) -> bool:
        """Put every replaced file back (newest first) and remove new ones; False if any step failed."""
        ok = True
        for target, backup in reversed(moved):
            try:
                if backup is None:
                    target.unlink(missing_ok=True)
                else:
                    os.replace(backup, target)
            except OSError:
                ok = False
        return ok

    def _discard(self) -> None:
        if self._tmp is not None:
            shutil.rmtree(self._tmp, ignore_errors=True)
            self._tmp = None
        for directory in reversed(self._made):
            try:
                directory.rmdir()
            except OSError:
                pass
        self._made = []


def write_file_atomic(path, write: Writer, verify: Verify = None) -> Path:
    """Write one file through the same machinery as ``OutputSet`` (a set of one): ``write(tmp_path)`` creates
    it in a temporary folder beside ``path``; synced, checked by ``verify``, then moved into place. The folder
    must exist (OutputError otherwise); on failure the previous file is unchanged and nothing else remains."""
    path = Path(path).expanduser()
    if path.name in ("", ".", ".."):
        raise InputError(f"{str(path)!r} is not a file name; give the path of a file")
    files = OutputSet(path.parent, "file", create=False)
    with files:
        files._add(path.name, write, verify)
    return path


def write_bytes_atomic(path, data: bytes, verify: Verify = None) -> Path:
    """Write ``data`` to ``path`` as a set of one file (see ``write_file_atomic``); the size is checked."""
    return write_file_atomic(path, lambda tmp: _write_new(tmp, data), verify)
