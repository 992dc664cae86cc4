"""A throwaway PostgreSQL server for tests and benchmarks.

``throwaway_postgres()`` runs ``initdb`` and ``pg_ctl`` in a fresh temporary directory,
listening only on 127.0.0.1 (a free port) and a unix socket inside that directory, with
a random password for TCP. The server stops and its directory is removed when the
context exits, and a watchdog stops it if this process dies without exiting it.
PostgreSQL refuses to run as root, so as root it runs as an unprivileged system user.
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import secrets
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

from sitrep.errors import StoreError

DEFAULT_USER = "postgres"
# Durability is pointless for a server deleted on exit; these make tests and COPY faster.
FAST_SETTINGS = ("fsync=off", "synchronous_commit=off", "full_page_writes=off")


def find_bindir() -> Path | None:
    """The directory holding ``initdb`` and ``pg_ctl``: on PATH, else the newest Debian install."""
    initdb = shutil.which("initdb")
    if initdb:
        return Path(initdb).parent
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parts[-3]))
    return Path(found[-1]).parent if found else None


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def ensure_system_user(name: str = DEFAULT_USER) -> None:
    """Create an unprivileged system user for PostgreSQL if it does not exist (needs root)."""
    try:
        pwd.getpwnam(name)
    except KeyError:
        _run(["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", name])


def _run(argv: list[str], *, user: str | None = None) -> None:
    if user is not None:
        argv = ["runuser", "-u", user, "--", *argv]
    done = subprocess.run(argv, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise StoreError(f"{' '.join(argv)} failed ({done.returncode}): {done.stderr.strip() or done.stdout.strip()}")


def _watchdog(pg_ctl: Path, data: Path, user: str | None) -> subprocess.Popen[bytes]:
    # Detached: when this process is gone (killed, crashed) it stops the server.
    stop = f"'{pg_ctl}' -D '{data}' -m immediate stop"
    if user is not None:
        stop = f"runuser -u {user} -- {stop}"
    script = f"while kill -0 {os.getpid()} 2>/dev/null; do sleep 1; done; {stop} >/dev/null 2>&1"
    return subprocess.Popen(
        ["sh", "-c", script], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        start_new_session=True,
    )  # fmt: skip


@contextlib.contextmanager
def throwaway_postgres(*, bindir: Path | None = None, user: str | None = None) -> Iterator[str]:
    """Start a private PostgreSQL; yields its ``postgresql://`` URL; stops and deletes it after.

    ``user`` is the system user to run it as; by default none, or ``postgres`` when
    running as root (created if missing).
    """
    bindir = bindir or find_bindir()
    if bindir is None:
        raise StoreError("no PostgreSQL server binaries (initdb, pg_ctl) found; install postgresql")
    if user is None and os.geteuid() == 0:
        user = DEFAULT_USER
        ensure_system_user(user)
    root = Path(tempfile.mkdtemp(prefix="sitrep-pg-"))
    data, sockets = root / "data", root / "sock"
    sockets.mkdir()
    password = secrets.token_hex(16)
    pwfile = root / "pw"
    pwfile.write_text(password + "\n")
    if user is not None:
        owner = pwd.getpwnam(user)
        for path in (root, sockets, pwfile):
            os.chown(path, owner.pw_uid, owner.pw_gid)
    os.chmod(root, 0o700)
    pg_ctl = bindir / "pg_ctl"
    watchdog = None
    started = False
    try:
        _run([str(bindir / "initdb"), "-D", str(data), "-U", "sitrep", f"--pwfile={pwfile}",
              "--auth-local=trust", "--auth-host=scram-sha-256", "-E", "UTF8", "--no-locale"], user=user)  # fmt: skip
        pwfile.unlink()
        for _attempt in range(3):
            port = free_port()
            options = " ".join(
                ["-c listen_addresses=127.0.0.1", f"-p {port}", f"-k {sockets}", *(f"-c {s}" for s in FAST_SETTINGS)]
            )
            try:
                _run([str(pg_ctl), "-D", str(data), "-o", options, "-l", str(root / "log"), "-w", "-t", "60",
                      "start"], user=user)  # fmt: skip
            except StoreError:
                continue  # most likely the port was taken between choosing and binding it
            started = True
            break
        if not started:
            log = (root / "log").read_text(errors="replace")[-2000:] if (root / "log").exists() else ""
            raise StoreError(f"PostgreSQL did not start:\n{log}")
        watchdog = _watchdog(pg_ctl, data, user)
        yield f"postgresql://sitrep:{password}@127.0.0.1:{port}/postgres"
    finally:
        if started:
            _run([str(pg_ctl), "-D", str(data), "-m", "fast", "-w", "stop"], user=user)
        if watchdog is not None:
            watchdog.kill()
            watchdog.wait()
        shutil.rmtree(root, ignore_errors=True)
