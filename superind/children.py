"""Child processes that end with their parent: a sweep's pool workers and the build's figure helper.

A parent killed without cleanup (SIGKILL, the OOM killer) cannot stop its children: they are re-parented and run
on. So each child arranges its own end when it starts (``die_with_parent``):

- on Linux the kernel sends it SIGKILL when its parent ends (``prctl(PR_SET_PDEATHSIG)``, through ctypes). The
  kernel ties this to the parent *thread* that forked the child, so it is asked for only when that thread is the
  parent's main thread (whose end is the process's end);
- on every platform a daemon thread checks every ``POLL_S`` whether the parent is still there — on POSIX by
  ``os.getppid()`` (it changes when the parent ends and the child is re-parented) and by whether the process that
  started the child still exists; on Windows, which does not re-parent, through the handle of
  ``multiprocessing.parent_process()`` — and ends the process with ``os._exit`` when it is not.
"""
from __future__ import annotations

import os
import signal
import sys
import threading
import time

#: seconds between two checks of the watchdog thread (a getppid call: negligible work)
POLL_S = 0.25
#: prctl(2) option: the signal the kernel sends to this process when its parent thread ends
PR_SET_PDEATHSIG = 1
#: exit code of a child that ended because its parent had ended
ORPHANED_EXIT_CODE = 1


def die_with_parent(creator_pid: int, parent_is_main_thread: bool = True) -> None:
    """Arrange for this (child) process to end when its parent ends; ``creator_pid`` is the pid of the process
    that started it (``os.getpid()`` there). Ends the process at once if the parent has ended already."""
    parent_pid = os.getppid()
    if sys.platform.startswith("linux") and parent_is_main_thread:
        _ask_kernel()
    if _parent_gone(parent_pid, creator_pid):  # it ended before the kernel or the thread could watch
        os._exit(ORPHANED_EXIT_CODE)
    threading.Thread(target=_watch, args=(parent_pid, creator_pid), name="superind-parent-watch",
                     daemon=True).start()


def _ask_kernel() -> bool:
    """``prctl(PR_SET_PDEATHSIG, SIGKILL)``; False where libc or prctl is not available (the watchdog remains)."""
    import ctypes

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def _parent_gone(parent_pid: int, creator_pid: int) -> bool:
    """Whether the parent has ended (see the module docstring for how this is told on each platform)."""
    if os.name == "nt":
        import multiprocessing

        parent = multiprocessing.parent_process()
        return parent is not None and not parent.is_alive()
    if os.getppid() != parent_pid:
        return True
    try:
        os.kill(creator_pid, 0)  # signal 0: only asks whether the process exists
    except ProcessLookupError:
        return True
    except PermissionError:  # the pid now belongs to another user's process: the creator is gone
        return True
    return False


def _watch(parent_pid: int, creator_pid: int) -> None:
    """The watchdog thread: end the process once the parent has ended."""
    while not _parent_gone(parent_pid, creator_pid):
        time.sleep(POLL_S)
    os._exit(ORPHANED_EXIT_CODE)
