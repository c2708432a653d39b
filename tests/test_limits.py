"""Run-size limits (defaults, environment overrides, one-line refusals), sweep estimates, and the bounded Dask
connection: a silent peer, a non-Dask peer and a scheduler without workers each fail within the timeout.

Expected numbers are hand computations shown next to each assertion.
"""
from __future__ import annotations

import socket
import threading
import time

import pytest

from superind.errors import InputError
from superind.limits import Limits, check_count, env_name, estimate_sweep

TIMEOUT_S = 2.0


def one_line(err: pytest.ExceptionInfo) -> str:
    text = str(err.value)
    assert text and "\n" not in text
    return text


# ------------------------------------------------------------------------------------------ limits
def test_defaults_and_environment_overrides(monkeypatch):
    assert Limits.from_env({}) == Limits()
    monkeypatch.setenv("SUPERIND_MAX_FLUX_POINTS", "1e6")
    monkeypatch.setenv("SUPERIND_MAX_MEANDER_LENGTH_M", "0.5")
    monkeypatch.setenv("SUPERIND_DASK_TIMEOUT_S", " ")  # blank: the default
    lim = Limits.from_env()
    assert (lim.max_flux_points, lim.max_meander_length_m, lim.dask_timeout_s) == (1_000_000, 0.5, 30.0)
    assert isinstance(lim.max_flux_points, int)
    assert env_name("max_basis_dimension") == "SUPERIND_MAX_BASIS_DIMENSION"


@pytest.mark.parametrize("name, text", [("SUPERIND_MAX_WIDTHS", "many"), ("SUPERIND_MAX_WIDTHS", "0"),
                                        ("SUPERIND_MAX_WIDTHS", "2.5"), ("SUPERIND_DASK_TIMEOUT_S", "-1"),
                                        ("SUPERIND_MAX_SWEEP_POINTS", "inf")])
def test_invalid_environment_values_are_refused(name, text):
    with pytest.raises(InputError, match=name) as err:
        Limits.from_env({name: text})
    one_line(err)


def test_check_count_names_option_limit_and_variable(monkeypatch):
    with pytest.raises(InputError) as err:
        check_count(100_000_000, "max_flux_points", "points", "--flux")
    assert one_line(err) == ("--flux asks for 100000000 points; the limit is 100001 "
                             "(raise it with SUPERIND_MAX_FLUX_POINTS=100000000)")
    assert check_count(100_001, "max_flux_points", "points", "--flux") == 100_001  # the limit itself is allowed
    with pytest.raises(InputError, match="--length asks for 1 m of meander; the limit is 0.1 "):
        check_count(1.0, "max_meander_length_m", "m of meander", "--length")
    monkeypatch.setenv("SUPERIND_MAX_FLUX_POINTS", "100000000")
    assert check_count(100_000_000, "max_flux_points", "points", "--flux") == 100_000_000
    assert check_count(5, "max_widths", "widths", "--width", limits=Limits(max_widths=5)) == 5


def test_sweep_estimate_by_hand():
    # ⌈1000/2⌉ × 0.5 s = 250 s = 4.17 min; 1000 × 1 MB = 1 GB
    assert estimate_sweep(1000, 0.5, 1e6, 2) == "1000 points × 500 ms on 2 workers ≈ 4.2 min; results ≈ 1 GB"
    # ⌈3/2⌉ = 2 rounds × 10 s = 20 s; 3 × 400 B = 1.2 kB
    assert estimate_sweep(3, 10.0, 400, 2) == "3 points × 10 s on 2 workers ≈ 20 s; results ≈ 1.2 kB"
    # 100 000 × 8 ms on one core = 800 s = 13.3 min (the max_flux_points default's reasoning)
    assert estimate_sweep(100_000, 8e-3, 80, 1).startswith("100000 points × 8 ms on 1 worker ≈ 13 min")
    with pytest.raises(InputError):
        estimate_sweep(10, 1.0, 1.0, 0)


# ------------------------------------------------------------------------------------------ Dask connection
@pytest.fixture
def peer():
    """Start a local TCP server that accepts and then stays silent ("silent") or sends text ("garbage")."""
    servers, conns = [], []

    def start(mode: str) -> str:
        srv = socket.socket()
        srv.bind(("127.0.0.1", 0))
        srv.listen(4)
        servers.append(srv)

        def serve():
            while True:
                try:
                    conn, _ = srv.accept()
                except OSError:
                    return
                conns.append(conn)
                if mode == "garbage":
                    conn.sendall(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n" * 8)

        threading.Thread(target=serve, daemon=True).start()
        return f"tcp://127.0.0.1:{srv.getsockname()[1]}"

    yield start
    for s in conns + servers:
        s.close()


@pytest.fixture(scope="module")
def connect():
    pytest.importorskip("distributed")
    from superind.output.dask_connect import connect_dask
    return connect_dask


@pytest.mark.parametrize("mode, expect", [("silent", "no answer within 2 s"),
                                          ("garbage", "does not answer like a Dask scheduler")])
def test_a_peer_that_is_not_a_scheduler_fails_within_the_timeout(peer, connect, mode, expect):
    address = peer(mode)
    start = time.monotonic()
    with pytest.raises(InputError) as err:
        connect(address, TIMEOUT_S)
    assert time.monotonic() - start < TIMEOUT_S + 1.5  # bounded: no hang, whatever the peer does
    assert expect in one_line(err) and address in str(err.value)


def test_a_scheduler_without_workers_and_one_with_a_worker(connect):
    from distributed import LocalCluster

    with LocalCluster(n_workers=0, processes=False, protocol="tcp", dashboard_address=None) as cluster:
        with pytest.raises(InputError, match="no worker joined within 2 s") as err:
            connect(cluster.scheduler_address, TIMEOUT_S)
        one_line(err)
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=False, protocol="tcp",
                      dashboard_address=None) as cluster:
        client = connect(cluster.scheduler_address, TIMEOUT_S)
        try:
            assert client.submit(pow, 2, 10).result() == 1024
        finally:
            client.close()


@pytest.mark.parametrize("address", ["localhost:8786", "http://host:8786", 8786])
def test_addresses_without_a_dask_scheme_are_refused(connect, address):
    with pytest.raises(InputError, match="tcp://HOST:8786"):
        connect(address, TIMEOUT_S)
