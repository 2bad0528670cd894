"""Global fixtures (one conftest for the whole suite)."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
EXAMPLES = REPO / "examples" / "articles"


@pytest.fixture(scope="session")
def nlp() -> Any:
    """The real spaCy pipeline, loaded once for the session."""
    from comity.nlp import load_model

    return load_model()


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """``../shared`` beside the checkout; tests that need it skip cleanly on a fresh clone."""
    if not SHARED.is_dir():
        pytest.skip("../shared is not present (fresh clone): evaluation data unavailable")
    return SHARED


@pytest.fixture()
def web() -> Iterator[Any]:
    """A threaded HTTP server on 127.0.0.1 serving the routes a test sets (tests/webserver.py)."""
    from webserver import FixtureServer

    with FixtureServer() as server:
        yield server


@pytest.fixture()
def settings(tmp_path: Path) -> Any:
    from comity.config import load_settings

    return load_settings({"db": str(tmp_path / "test.duckdb")}, environ={})


# -- PostgreSQL: a private server for the tests that run against both stores ---------------------
def _pg_bindir() -> Path | None:
    found = shutil.which("pg_ctl")
    if found:
        return Path(found).resolve().parent
    versions = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"), key=lambda p: int(p.parts[-3]))
    return versions[-1].parent if versions else None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _start_private_server(root: Path) -> tuple[str, list[str]]:
    """initdb + pg_ctl start in ``root``; returns the admin URL and the stop command."""
    bindir = _pg_bindir()
    if bindir is None:
        pytest.skip("no PostgreSQL server binaries (Debian: apt-get install -y postgresql)")
    as_user: list[str] = []
    data = root / "data"
    data.mkdir(mode=0o700)
    if os.geteuid() == 0:  # the server refuses to run as root
        if shutil.which("runuser") is None:
            pytest.skip("running as root without runuser: cannot start PostgreSQL as another user")
        as_user = ["runuser", "-u", "postgres", "--"]
        root.chmod(0o755)
        shutil.chown(data, "postgres", "postgres")
    port = free_port()
    initdb = [str(bindir / "initdb"), "-D", str(data), "-A", "trust", "-U", "comity", "-E", "UTF8"]
    subprocess.run([*as_user, *initdb, "--no-sync"], check=True, capture_output=True)
    options = f"-h 127.0.0.1 -p {port} -k {data} -F"
    start = [str(bindir / "pg_ctl"), "-D", str(data), "-o", options, "-l", str(data / "log"), "-w", "start"]
    subprocess.run([*as_user, *start], check=True, capture_output=True, timeout=60)
    stop = [*as_user, str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"]
    return f"postgresql://comity@127.0.0.1:{port}/postgres", stop


@pytest.fixture(scope="session")
def pg_server() -> Iterator[str]:
    """Admin URL of a PostgreSQL server for this test session.

    A private server is started on 127.0.0.1 (initdb + pg_ctl in a temporary folder, as the
    ``postgres`` user when run as root); set COMITY_TEST_POSTGRES_URL to use an existing server
    instead. Tests that use it skip, saying why, only when none can be started.
    """
    pytest.importorskip("psycopg", reason="the [postgres] extra is not installed")
    if os.environ.get("COMITY_TEST_POSTGRES_URL"):
        yield os.environ["COMITY_TEST_POSTGRES_URL"]
        return
    root = Path(tempfile.mkdtemp(prefix="comity-pg-"))
    try:
        try:
            url, stop = _start_private_server(root)
        except (OSError, subprocess.SubprocessError) as exc:
            detail = getattr(exc, "stderr", b"") or b""
            pytest.skip(
                f"could not start a PostgreSQL server: {exc} {detail.decode(errors='replace')[-300:]}"
            )
        try:
            yield url
        finally:
            subprocess.run(stop, check=False, capture_output=True)
    finally:
        shutil.rmtree(root, ignore_errors=True)


@contextlib.contextmanager
def _fresh_database(server: str) -> Iterator[str]:
    """The URL of a new, empty database on ``server``, dropped afterwards."""
    import psycopg

    name = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(server, autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}")
    try:
        yield server.rsplit("/", 1)[0] + f"/{name}"
    finally:
        with psycopg.connect(server, autocommit=True) as admin:
            admin.execute(f"DROP DATABASE {name} WITH (FORCE)")


@pytest.fixture()
def pg_url(pg_server: str) -> Iterator[str]:
    """A fresh, empty database for one test."""
    with _fresh_database(pg_server) as url:
        yield url


@pytest.fixture(scope="module")
def pg_module_url(pg_server: str) -> Iterator[str]:
    """A fresh, empty database shared by the tests of one module (that only read it)."""
    with _fresh_database(pg_server) as url:
        yield url
