"""Load and faults against gunicorn on PostgreSQL + Redis, on loopback only, bounded in time.

    python bench/load_faults.py [--seconds 60] [--pages 400] [--port 5432] [--cluster main]
                                [--redis-only] [--redis-seconds 15]

1. Load: wrk drives the public pages for --seconds (cache defeated with a changing query string,
   so every request reaches the database); prints requests, errors and the servers' memory every
   tenth of the run.
2. Fault: the same load while PostgreSQL is restarted; prints the errors during the outage and
   how long until requests succeed again — the app is not restarted.
3. Fault: readers' plain addresses (served from the shared cache) while Redis is stopped for
   5 s and started again, empty; prints the errors (there should be none: pages are rendered
   afresh meanwhile).
4. Fault: Redis hung (its process stopped with SIGSTOP: connections are still accepted by the
   kernel, nothing is ever answered). Prints requests/s on the readers' plain addresses with
   Redis hung beside, in the same run, the same addresses with Redis healthy (served from the
   cache) and with a new query string each (rendered afresh, the best a hung cache allows), and
   with Redis hung but no cool-down (a second gunicorn with CACHE_COOL_DOWN=0: socket timeouts
   alone); and the time of an editor's save with Redis hung beside healthy.

--redis-only runs phases 3 and 4 alone: it needs no PostgreSQL it may restart, only a server
for its throwaway database (the shared one will do).

Needs: a local PostgreSQL cluster it may restart (pg_ctlcluster; give --port and --cluster to use
one of its own, e.g. `pg_createcluster 15 load -p 5433 -- --auth=trust`, so nothing else on the
machine loses its connections), redis-server (it starts one of its own on a free port) and wrk
(apt-get install wrk). Uses a throwaway database `bench_load_<pid>`.
"""

import argparse
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

from throwaway import throwaway_database

ROOT = Path(__file__).resolve().parent.parent
WRK_SCRIPT = """
local paths = {%s}
local n = 0
request = function()
  n = n + 1
  return wrk.format("GET", paths[(n %% #paths) + 1] .. (%s and ("?load=" .. n) or ""))
end
"""


def run(*args, env=None, check=True, **kwargs):
    return subprocess.run(args, env=env, check=check, cwd=ROOT, **kwargs)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss_mb(pid: int) -> float:
    """Resident memory of the gunicorn master and its workers."""
    pids = [pid] + [int(p) for p in run("pgrep", "-P", str(pid), capture_output=True, text=True, check=False).stdout.split()]
    total = 0
    for p in pids:
        try:
            status = Path(f"/proc/{p}/status").read_text()
        except OSError:
            continue
        total += int(re.search(r"VmRSS:\s+(\d+)", status).group(1))
    return total / 1024


def sample_paths(env) -> list[str]:
    code = (
        "from articles.models import Article;"
        "a = Article.objects.published().select_related('page__edition__publication').order_by('pk')[:40];"
        "print('\\n'.join({x.page.edition.get_absolute_url() for x in a} | {x.page.get_absolute_url() for x in a}"
        " | {x.get_absolute_url() for x in a}))"
    )
    out = run(sys.executable, "manage.py", "shell", "-c", code, env=env, capture_output=True, text=True).stdout
    return sorted(line for line in out.splitlines() if line.startswith("/"))


def wrk(port: int, paths: list[str], seconds: int, script_dir: Path, fresh: bool = True) -> dict:
    """Requests over `paths` for `seconds`; `fresh` adds a new query string to each, past the cache."""
    script = script_dir / "paths.lua"
    script.write_text(WRK_SCRIPT % (", ".join(f'"{p}"' for p in paths), "true" if fresh else "false"))
    out = run("wrk", "-t2", "-c16", f"-d{seconds}s", "-s", str(script), f"http://127.0.0.1:{port}",
              capture_output=True, text=True).stdout
    requests = int(re.search(r"(\d+) requests in", out).group(1))
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    errors = (int(bad.group(1)) if bad else 0) + (sum(map(int, socket_errors.groups())) if socket_errors else 0)
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    latency = re.search(r"Latency\s+(\S+)\s+\S+\s+(\S+)", out)
    return {"requests": requests, "errors": errors, "rate": rate,
            "latency": latency.group(1) if latency else "?", "max": latency.group(2) if latency else "?"}


def first_success_after(port: int, path: str, since: float, deadline: float) -> float | None:
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}?probe={time.monotonic()}", timeout=5) as r:
                if r.status == 200:
                    return time.monotonic() - since
        except Exception:
            pass
        time.sleep(0.2)
    return None


def probe_until(port: int, path: str, probes: list, stop: threading.Event) -> None:
    """A reader's request every 0.2 s until `stop`: (when it was answered, whether it succeeded)."""
    while not stop.wait(0.2):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}?probe={time.monotonic()}", timeout=5) as r:
                ok = r.status == 200
        except Exception:
            ok = False
        probes.append((time.monotonic(), ok))


def under_fault(what: str, fault, port: int, paths: list[str], tmp: Path, *, fresh: bool) -> None:
    """30 s of load with `fault` 10 s in; prints the failures and when a reader was served again."""
    outage = {}

    def timed_fault():
        outage["at"] = time.monotonic()
        fault()
        outage["up"] = time.monotonic()

    probes, stop = [], threading.Event()
    prober = threading.Thread(target=probe_until, args=(port, paths[-1], probes, stop))
    faulter = threading.Timer(10, timed_fault)
    prober.start()
    faulter.start()
    load = wrk(port, paths, 30, tmp, fresh=fresh)
    faulter.join()
    stop.set()
    prober.join()
    failed = [t for t, ok in probes if not ok]
    after_up = [t - outage["up"] for t, ok in probes if ok and t > outage["up"]]
    print(f"{what} under load (for {outage['up'] - outage['at']:.1f} s): "
          f"{load['requests']} requests in 30 s, {load['errors']} failed")
    print(f"  a reader's probe every 0.2 s: {len(probes)} requests, {len(failed)} failed"
          + (f", the last {failed[-1] - outage['up']:+.1f} s from the end of the fault" if failed else ""))
    print("  answered again " + (f"{after_up[0]:.1f} s after the end of the fault" if after_up else "NOT before the run ended"))


class RedisServer:
    """A Redis of this run's own on a free port, which it may stop and start: nothing on disk."""

    def __init__(self):
        self.port = free_port()
        self.process = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def stop(self) -> None:
        self.process.send_signal(signal.SIGCONT)  # a stopped process would not act on SIGTERM
        self.process.terminate()
        self.process.wait(timeout=10)

    def hang(self) -> None:
        """Stop the process: the kernel still accepts connections, nothing answers them."""
        self.process.send_signal(signal.SIGSTOP)

    def resume(self) -> None:
        self.process.send_signal(signal.SIGCONT)


SAVE_CODE = """
import time
from articles.models import Article
article = Article.objects.order_by("pk").first()
times = []
for n in range(5):
    started = time.perf_counter()
    article.save()
    times.append(time.perf_counter() - started)
print(" ".join(f"{t * 1000:.0f}" for t in times))
"""


def editor_saves(env) -> str:
    """Five saves of a story in one process (each announces the change to the cache): ms each."""
    out = run(sys.executable, "manage.py", "shell", "-c", SAVE_CODE, env=env, capture_output=True, text=True).stdout
    return out.strip().splitlines()[-1]  # after the shell's own line about its automatic imports


def hung_redis(port: int, paths: list[str], tmp: Path, redis: "RedisServer", env: dict, seconds: int) -> None:
    """Readers' requests/s and an editor's saves with Redis hung, beside Redis healthy."""
    cached = wrk(port, paths, seconds, tmp, fresh=False)
    fresh = wrk(port, paths, seconds, tmp, fresh=True)
    saves = editor_saves(env)
    redis.hang()
    try:
        hung = wrk(port, paths, seconds, tmp, fresh=False)
        hung_saves = editor_saves(env)
        # The same, each server process asking Redis on every call (no cool-down): timeouts alone.
        unguarded, unguarded_port = start_gunicorn({**env, "CACHE_COOL_DOWN": "0"})
        try:
            timeouts_only = wrk(unguarded_port, paths, seconds, tmp, fresh=False)
        finally:
            unguarded.terminate()
            unguarded.wait(timeout=10)
    finally:
        redis.resume()
    after = wrk(port, paths, seconds, tmp, fresh=False)
    print(f"Redis hung (SIGSTOP), {seconds} s of load on {len(paths)} plain public URLs each, requests/s "
          "(avg / max latency):")
    for label, result in [("Redis healthy, pages from the cache", cached),
                          ("Redis healthy, every page rendered afresh", fresh),
                          ("Redis hung", hung),
                          ("Redis hung, no cool-down (CACHE_COOL_DOWN=0)", timeouts_only),
                          ("Redis answering again", after)]:
        print(f"  {label:<46} {result['rate']:>7.0f}/s  ({result['latency']} / {result['max']}), "
              f"{result['errors']} failed")
    print(f"  an editor's 5 saves in one process, ms each: Redis healthy {saves}; Redis hung {hung_saves}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--pages", type=int, default=400)
    parser.add_argument("--port", type=int, default=5432, help="PostgreSQL port on 127.0.0.1")
    parser.add_argument("--cluster", default="main", help="name of that cluster for pg_ctlcluster")
    parser.add_argument("--redis-only", action="store_true",
                        help="only the Redis phases (no PostgreSQL load or restart)")
    parser.add_argument("--redis-seconds", type=int, default=15, help="length of each hung-Redis measurement")
    options = parser.parse_args()
    postgres = f"postgres://postgres@127.0.0.1:{options.port}"
    redis = RedisServer()
    redis.start()
    try:
        with (
            tempfile.TemporaryDirectory() as workdir,
            throwaway_database("postgres", Path(workdir), "bench_load", server=postgres) as database_url,
        ):
            measure(options, database_url, Path(workdir), redis)
    finally:
        redis.stop()


def measure(options, database_url: str, workdir: Path, redis: RedisServer) -> None:
    version = sorted(os.listdir("/etc/postgresql"))[-1]
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "CACHE_URL": redis.url,
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_DEBUG": "0",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_STATIC_ROOT": str(workdir / "static"),  # served by WhiteNoise, collected as deployed
    }
    run(sys.executable, "manage.py", "collectstatic", "--noinput", "-v0", env=env)
    run(sys.executable, "manage.py", "migrate", "--noinput", "-v0", env=env)
    run(sys.executable, "manage.py", "loaddata", "fixtures/sample.json", "-v0", env=env)
    run(sys.executable, "manage.py", "generate_dataset", "--pages", str(options.pages), "-v0", env=env,
        stdout=subprocess.DEVNULL)
    run(sys.executable, "manage.py", "shell", "-c",
        "from articles.models import *; Edition.objects.update(status='published'); "
        "Article.objects.update(status='published')", env=env)
    paths = sample_paths(env)
    server, port = start_gunicorn(env)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            if not options.redis_only:
                load_and_postgres_restart(options, server, port, paths, Path(tmp), version)

            def stop_and_start_redis():
                redis.stop()
                time.sleep(5)
                redis.start()

            under_fault("Redis stopped for 5 s", stop_and_start_redis, port, paths, Path(tmp), fresh=False)
            hung_redis(port, paths, Path(tmp), redis, env, options.redis_seconds)
            print(f"(server process {server.pid} never restarted: {server.poll() is None})")
    finally:
        server.terminate()
        server.wait(timeout=10)


def start_gunicorn(env: dict) -> tuple[subprocess.Popen, int]:
    """gunicorn with 3 workers on a free port, once it answers."""
    port = free_port()
    gunicorn = str(Path(sys.executable).with_name("gunicorn"))
    server = subprocess.Popen([gunicorn, "newsroom.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "3"],
                              env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    first_success_after(port, "/", time.monotonic(), time.monotonic() + 30)
    return server, port


def load_and_postgres_restart(options, server, port: int, paths: list[str], tmp: Path, version: str) -> None:
    memory = [rss_mb(server.pid)]
    done = threading.Event()

    def sample_memory():
        while not done.wait(options.seconds / 10):
            memory.append(rss_mb(server.pid))

    sampler = threading.Thread(target=sample_memory)
    sampler.start()
    load = wrk(port, paths, options.seconds, tmp)
    done.set()
    sampler.join()
    memory.append(rss_mb(server.pid))
    print(f"load: {load['requests']} requests in {options.seconds} s ({load['rate']:.0f}/s) over "
          f"{len(paths)} public URLs, errors: {load['errors']}")
    print("memory (gunicorn master + 3 workers, MB, every tenth of the run): "
          + " ".join(f"{m:.0f}" for m in memory)
          + f"; growth from the first tenth to the end: {memory[-1] - memory[1]:+.0f} MB")

    def restart_postgres():
        run("pg_ctlcluster", "--skip-systemctl-redirect", version, options.cluster, "restart")

    under_fault("PostgreSQL restarted", restart_postgres, port, paths, tmp, fresh=True)


if __name__ == "__main__":
    main()
