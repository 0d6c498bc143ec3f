"""Real servers for the tests that need them: the sample site behind gunicorn on loopback."""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
MANAGE = [sys.executable, str(ROOT / "manage.py")]


def server_environment(database_url: str, static_root: Path, **variables) -> dict:
    """Settings for a server process as a deployment gives them; no cache URL unless given."""
    inherited = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "CACHE_URL", "REDIS_URL")}
    return {
        **inherited,
        "DATABASE_URL": database_url,
        "DJANGO_SECRET_KEY": "live-site-tests-" + "x" * 40,
        "DJANGO_DEBUG": "0",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_STATIC_ROOT": str(static_root),
        **variables,
    }


def build_sample_site(env: dict) -> None:
    """Collect static files, migrate and load the sample editions, as `make serve` would find them."""
    for command in (["collectstatic", "--noinput"], ["migrate", "--noinput"],
                    ["loaddata", str(ROOT / "fixtures" / "sample.json")]):
        subprocess.run([*MANAGE, *command, "-v0"], env=env, cwd=ROOT, check=True)


def manage(env: dict, *args: str) -> None:
    subprocess.run([*MANAGE, *args], env=env, cwd=ROOT, check=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_gunicorn(env: dict, workers: int = 1) -> tuple[subprocess.Popen, int]:
    """A gunicorn server on a free loopback port, answering before this returns."""
    port = free_port()
    gunicorn = str(Path(sys.executable).with_name("gunicorn"))
    server = subprocess.Popen(
        [gunicorn, "newsroom.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", str(workers)],
        env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            fetch(port, "/")
            return server, port
        except OSError:
            if server.poll() is not None:
                break
            time.sleep(0.2)
    stop(server)
    raise AssertionError(f"gunicorn on port {port} did not start")


def stop(server: subprocess.Popen) -> None:
    server.terminate()
    server.wait(timeout=10)


def fetch(port: int, path: str) -> tuple[int, str]:
    """(status, body) of a reader's GET; HTTP errors are answers too, a refused connection raises."""
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=10) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace")


def get(port: int, path: str) -> str:
    status, body = fetch(port, path)
    assert status == 200, f"{path}: {status}"
    return body
