"""Requests per second for the edition and article views, beside a static file of the same size
served by the same gunicorn process in the same run.

    python bench/site_throughput.py [--database sqlite|postgres] [--cache local|redis] [--load python|wrk]
                                    [--seconds 10] [--rounds 5] [--workers 2] [--clients 4]

The sample editions are loaded into a throwaway database: a SQLite file, or with
``--database postgres`` a database of its own on the PostgreSQL server on 127.0.0.1:5432
(user postgres), dropped at the end. ``--cache local`` is Django's in-process cache; ``--cache
redis`` a Redis cache as in production, served by a redis-server of this run's own on a free port
(nothing on disk), so no shared Redis is touched. gunicorn serves the site on loopback with DEBUG off and WhiteNoise for static
files; a load generator (client processes, one request per connection, as gunicorn's sync workers
answer; or with ``--load wrk`` wrk, which spends far less of the machine's CPU on itself, so that
more of the measured difference is the server's) requests each URL for the same total time, in
short interleaved rounds. The static file is
written into STATIC_ROOT with the byte size of the edition page, so both answers carry the same
payload.

Three views (the home page, an edition page, an article), each at two rates: as readers get it (the page cache warm), and with the cache missed on every
request (a new query string each time), which is what the first reader after an editor's change
pays. Target: every view with the cache warm at least 0.8 of the static file's rate with the
in-process cache, 0.7 with Redis.
"""

import argparse
import contextlib
import http.client
import multiprocessing
import os
import re
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from throwaway import throwaway_database

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
BIN = Path(PYTHON).parent


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(port, path):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        body = response.read()
        return response.status, body
    finally:
        connection.close()


def hammer(port, path, seconds, bust_cache, results):
    """One client process: request `path` back to back for `seconds`; report latencies and errors."""
    latencies, errors, n = [], 0, 0
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        n += 1
        target = f"{path}?bench={os.getpid()}-{n}" if bust_cache else path
        started = time.perf_counter()
        try:
            status, _ = fetch(port, target)
            if status != 200:
                errors += 1
        except OSError:
            errors += 1
        latencies.append(time.perf_counter() - started)
    results.put((latencies, errors))


def combine(results):
    """Whole-run figures from interleaved rounds: total requests over total time, medians of the rest."""
    return {
        "rps": sum(r["requests"] for r in results) / sum(r["seconds"] for r in results),
        "p50_ms": statistics.median(r["p50_ms"] for r in results),
        "p99_ms": max(r["p99_ms"] for r in results),
        "requests": sum(r["requests"] for r in results),
        "errors": sum(r["errors"] for r in results),
    }


def measure(port, path, seconds, clients, bust_cache=False):
    results = multiprocessing.Queue()
    procs = [
        multiprocessing.Process(target=hammer, args=(port, path, seconds, bust_cache, results))
        for _ in range(clients)
    ]
    started = time.perf_counter()
    for proc in procs:
        proc.start()
    collected = [results.get() for _ in procs]
    for proc in procs:
        proc.join()
    elapsed = time.perf_counter() - started
    latencies = sorted(lat for lats, _ in collected for lat in lats)
    errors = sum(err for _, err in collected)
    return {
        "rps": len(latencies) / elapsed,
        "p50_ms": statistics.median(latencies) * 1000,
        "p99_ms": latencies[int(len(latencies) * 0.99) - 1] * 1000,
        "requests": len(latencies),
        "errors": errors,
        "seconds": elapsed,
    }


WRK_SCRIPT = """
local n = 0
local id = 0
setup = function(thread) id = id + 1; thread:set("id", id) end
request = function()
  n = n + 1
  return wrk.format(nil, "%s?bench=" .. id .. "-" .. n)
end
"""


def wrk_unit(text):
    """wrk's 1.23ms / 950.00us / 1.02s, in milliseconds."""
    match = re.fullmatch(r"([\d.]+)(us|ms|s)", text)
    if match is None:
        raise ValueError(text)
    return float(match.group(1)) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[match.group(2)]


def measure_wrk(port, path, seconds, clients, bust_cache=False):
    """The same figures as ``measure``, from wrk (one thread per two connections)."""
    command = ["wrk", f"-t{max(1, clients // 2)}", f"-c{clients}", f"-d{max(1, round(seconds))}s", "--latency"]
    with tempfile.NamedTemporaryFile("w", suffix=".lua") as script:
        if bust_cache:
            script.write(WRK_SCRIPT % path)
            script.flush()
            command += ["-s", script.name]
        out = subprocess.run(command + [f"http://127.0.0.1:{port}{path}"], capture_output=True, text=True, check=True).stdout
    if "50%" not in out or "Requests/sec" not in out:
        raise SystemExit(f"wrk said nothing to measure by for {path}:\n{out}")
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    requests = int(re.search(r"(\d+) requests in ([\d.]+)(m?s)", out).group(1))
    elapsed = re.search(r"requests in ([\d.]+)(ms|s)", out)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50_ms": wrk_unit(re.search(r"^\s+50%\s+(\S+)", out, re.M).group(1)),
        "p99_ms": wrk_unit(re.search(r"^\s+99%\s+(\S+)", out, re.M).group(1)),
        "requests": requests,
        # A sync worker closes each connection after its answer: wrk counts that as a read error.
        "errors": (int(bad.group(1)) if bad else 0) + (int(socket_errors.group(1)) + int(socket_errors.group(4)) if socket_errors else 0),
        "seconds": wrk_unit(elapsed.group(1) + elapsed.group(2)) / 1000,
    }


def prepare(workdir, env):
    """Migrate and load the sample editions; collect static files."""
    manage = [PYTHON, str(ROOT / "manage.py")]
    subprocess.run(manage + ["migrate", "--noinput", "-v0"], env=env, check=True, cwd=ROOT)
    subprocess.run(manage + ["loaddata", str(ROOT / "fixtures" / "sample.json"), "-v0"], env=env, check=True, cwd=ROOT)
    subprocess.run(manage + ["collectstatic", "--noinput", "-v0"], env=env, check=True, cwd=ROOT)


@contextlib.contextmanager
def page_cache(kind):
    """The CACHE_URL for the servers: none (each process its own cache), or an emptied Redis database."""
    if kind == "local":
        yield ""
        return
    from load_faults import RedisServer

    server = RedisServer()
    server.start()
    try:
        yield server.url
    finally:
        server.stop()


def start_server(port, workers, env):
    server = subprocess.Popen(
        [str(BIN / "gunicorn"), "newsroom.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", str(workers),
         "--log-level", "warning"],
        env=env,
        cwd=ROOT,
        start_new_session=True,
    )
    for _ in range(100):
        try:
            fetch(port, "/robots.txt")
            return server
        except OSError:
            time.sleep(0.1)
    server.kill()
    raise SystemExit("gunicorn did not start")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--cache", choices=["local", "redis"], default="local")
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--rounds", type=int, default=5, help="interleaved rounds per URL")
    parser.add_argument("--load", choices=["python", "wrk"], default="python", help="the load generator")
    args = parser.parse_args()
    load = measure_wrk if args.load == "wrk" else measure

    with (
        tempfile.TemporaryDirectory() as workdir,
        throwaway_database(args.database, workdir, "bench_site") as database_url,
        page_cache(args.cache) as cache_url,
    ):
        env = {
            **os.environ,
            "DJANGO_DEBUG": "",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
            "DJANGO_STATIC_ROOT": str(Path(workdir) / "static"),
            "DJANGO_LOG_LEVEL": "WARNING",
            "DATABASE_URL": database_url,
            "CACHE_URL": cache_url,
            "REDIS_URL": "",
        }
        prepare(workdir, env)
        port = free_port()

        edition_path = "/jmrb/2022-11-22/1/"
        article_path = "/jmrb/2022-11-22/1/1/"
        server = start_server(port, args.workers, env)
        try:
            status, edition_html = fetch(port, edition_path)
            assert status == 200, status
            article_status, _ = fetch(port, article_path)
            if article_status != 200:  # the first story's id differs by database: follow the page's first link
                article_path = re.search(r'<h3 class="story-title"><a href="([^"]+)"', edition_html.decode()).group(1)
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait()

        static_name = "bench-static.html"
        static_file = Path(env["DJANGO_STATIC_ROOT"]) / static_name
        static_file.write_bytes(b"x" * len(edition_html))

        server = start_server(port, args.workers, env)
        try:
            static_path = f"/static/{static_name}"
            runs = [
                ("static file", static_path, False),
                ("home page", "/", False),
                ("edition view", edition_path, False),
                ("article view", article_path, False),
                ("edition view, cache missed", edition_path, True),
                ("article view, cache missed", article_path, True),
            ]
            for _name, path, bust in runs:  # warm up: imports, connections, caches
                load(port, path, 1.0, args.clients, bust)
            # Short rounds, the URLs interleaved, so a neighbour's load on the machine falls on all alike.
            rounds = {name: [] for name, _, _ in runs}
            for _ in range(args.rounds):
                for name, path, bust in runs:
                    rounds[name].append(load(port, path, args.seconds / args.rounds, args.clients, bust))
            figures = {name: combine(results) for name, results in rounds.items()}
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait()

    static_rps = figures["static file"]["rps"]
    print(
        f"gunicorn {args.workers} sync workers, {args.clients} clients ({args.load}), {args.seconds:.0f} s per URL "
        f"in {args.rounds} rounds, "
        f"{args.database}, {args.cache} cache, {len(edition_html)} bytes per edition page, {os.cpu_count()} CPUs"
    )
    print(f"{'':28} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7} {'÷ static':>9}")
    for name, result in figures.items():
        print(
            f"{name:28} {result['rps']:8.0f} {result['p50_ms']:8.1f} {result['p99_ms']:8.1f} "
            f"{result['errors']:7d} {result['rps'] / static_rps:9.2f}"
        )
    warm = ("home page", "edition view", "article view")
    worst = min(figures[name]["rps"] for name in warm) / static_rps
    target = 0.8 if args.cache == "local" else 0.7
    print(f"views ÷ static file: {worst:.2f} (target ≥ {target:.2f})")


if __name__ == "__main__":
    main()
