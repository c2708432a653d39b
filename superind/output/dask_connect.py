"""A bounded connection to a Dask scheduler: every wait ends within the timeout, with a one-line error.

``distributed.Client(address, timeout=…)`` bounds only the TCP connect: a peer that accepts the connection and
never answers keeps it waiting forever, and a non-Dask peer can make it fail with a MemoryError (it reads text as
a message length) and leave a half-built client that stalls interpreter exit for 4 s (all measured with
distributed 2026.8). So the scheduler is first probed on a private asyncio loop in a daemon thread —
connection and handshake, then its identity and worker count, each bounded by ``asyncio.wait_for`` (a timeout
cancels and closes everything) — and the ``Client`` is built only after the scheduler has answered with a worker.
"""
from __future__ import annotations

import asyncio
import threading

from ..errors import InputError
from ..limits import Limits, env_name

#: address schemes distributed understands
SCHEMES = ("tcp", "tls", "inproc", "ucx", "ws", "wss")


class _Refused(Exception):
    """A probe stage failed; the message is the user's one line (without the address)."""


def _first_line(exc: BaseException) -> str:
    lines = str(exc).strip().splitlines()
    return (lines[0] if lines else type(exc).__name__)[:200]


async def _probe(address: str, timeout_s: float) -> None:
    """Connect and handshake, ask the scheduler's identity, and wait for a worker: each within ``timeout_s``."""
    from distributed.comm import connect
    from distributed.security import Security

    waited = f"within {timeout_s:g} s (wait longer with {env_name('dask_timeout_s')}=…)"
    check = "check the address and that 'dask scheduler' runs there"
    try:
        comm = await asyncio.wait_for(connect(address, timeout=timeout_s,
                                              **Security().get_connection_args("client")), timeout_s)
    except (asyncio.TimeoutError, TimeoutError):
        raise _Refused(f"no answer {waited}; {check}") from None
    except OSError as exc:
        raise _Refused(f"cannot connect ({_first_line(exc)}); {check}") from None
    except Exception as exc:  # noqa: BLE001  (a non-Dask peer: garbage lengths, decode errors …)
        raise _Refused(f"the peer does not answer like a Dask scheduler ({_first_line(exc)}); {check}") from None
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout_s
    try:
        while True:
            try:
                await asyncio.wait_for(comm.write({"op": "identity", "reply": True}), timeout_s)
                reply = await asyncio.wait_for(comm.read(), timeout_s)
            except (asyncio.TimeoutError, TimeoutError):
                raise _Refused(f"no answer to the identity request {waited}; {check}") from None
            except Exception as exc:  # noqa: BLE001
                raise _Refused(f"the peer does not answer like a Dask scheduler ({_first_line(exc)}); "
                               f"{check}") from None
            if not isinstance(reply, dict) or reply.get("type") != "Scheduler":
                raise _Refused(f"the peer is not a Dask scheduler; {check}")
            if reply.get("workers"):
                return
            if loop.time() > deadline:
                raise _Refused(f"no worker joined {waited}; start one with 'dask worker {address}'")
            await asyncio.sleep(0.1)
    finally:
        comm.abort()


def connect_dask(address: str, timeout_s: float | None = None):
    """A ``distributed.Client`` connected to the scheduler at ``address`` ("tcp://HOST:8786") with ≥ 1 worker.

    Connection + handshake, the identity answer, the wait for a worker and the client's own start are each
    bounded by ``timeout_s`` (default: the ``dask_timeout_s`` limit, ``SUPERIND_DASK_TIMEOUT_S``); each failure is
    a one-line InputError (exit code 2). The client is not made Dask's default; close it when done."""
    try:
        from distributed import Client
    except ImportError:
        raise InputError("a Dask scheduler needs the dask extra: pip install 'superind[dask]'") from None
    if not isinstance(address, str) or "://" not in address or address.split("://", 1)[0] not in SCHEMES:
        raise InputError(f"Dask scheduler {address!r}: give an address like tcp://HOST:8786")
    timeout_s = Limits.from_env().dask_timeout_s if timeout_s is None else float(timeout_s)
    lock, done = threading.Lock(), threading.Event()
    state: dict = {"client": None, "failure": None, "finished": False, "abandoned": False}

    def attempt() -> None:
        client = failure = None
        try:
            asyncio.run(_probe(address, timeout_s))
            client = Client(address, timeout=timeout_s, set_as_default=False)
        except _Refused as exc:
            failure = str(exc)
        except Exception as exc:  # noqa: BLE001  (the scheduler vanished between probe and client)
            failure = f"the client did not start ({_first_line(exc)})"
        with lock:
            state.update(client=client, failure=failure, finished=True)
            late = state["abandoned"]
        done.set()
        if late and client is not None:
            client.close()

    threading.Thread(target=attempt, name="superind-dask-connect", daemon=True).start()
    done.wait(3 * timeout_s + 1.0)  # the three stages each time out by themselves
    with lock:
        finished = state["finished"]
        state["abandoned"] = not finished
    if not finished:
        raise InputError(f"Dask scheduler {address}: the client did not start within {timeout_s:g} s; check the "
                         f"scheduler (wait longer with {env_name('dask_timeout_s')}=…)")
    if state["failure"] is not None:
        raise InputError(f"Dask scheduler {address}: {state['failure']}")
    return state["client"]
