#!/usr/bin/env python3
"""Abandoned chats and anonymous visitors against the server binary `make run` serves.

Starts the server on a fresh embedded database (feeds idle after 5 s), signs up a rep, then:
  1. 5,000 cookie-less `GET /` (an uptime monitor, a crawler): nothing may be created;
  2. 2,000 chats opened and left (each page load makes the chat's live signal);
  3. waits for the idle feeds to be freed.
  4. does 2 and 3 again (a leak grows every round; memory reused does not).
Prints the server's RSS (VmRSS) at each point, and how many chats the database holds.
With `--surreal BIN` the database is a SurrealDB server process (`BIN start … memory`, e.g.
target/debug/surrealdb-test-server) reached over ws://, so the RSS is Dossier's alone; by
default it is the embedded on-disk one, whose write buffer grows with every chat stored.

Usage: scripts/load_sessions.py [path/to/server] [--surreal BIN]
"""
import json, os, shutil, socket, subprocess, sys, tempfile, time
import urllib.request
from concurrent.futures import ThreadPoolExecutor

ARGS = [a for a in sys.argv[1:] if a != "--surreal"]
SURREAL = sys.argv[sys.argv.index("--surreal") + 1] if "--surreal" in sys.argv else None
if SURREAL:
    ARGS.remove(SURREAL)
SERVER = ARGS[0] if ARGS else "target/debug/server"


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def rss_mb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def request(url, body=None, cookie="", ctype="application/json"):
    headers = {"content-type": ctype}
    if cookie:
        headers["cookie"] = cookie
    req = urllib.request.Request(url, data=body, headers=headers,
                                 method="POST" if body is not None else "GET")
    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *a, **k):
            return None
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(req, timeout=30) as r:
            return r.status, r.headers, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers, e.read()


def main():
    data = tempfile.mkdtemp(prefix="dossier-load-")
    port = free_port()
    env = dict(os.environ, LEPTOS_SITE_ADDR=f"127.0.0.1:{port}", LEPTOS_SITE_ROOT=data,
               DOSSIER_DB=f"surrealkv://{data}/db", RUST_LOG="warn",
               DOSSIER_FEED_IDLE_SECS="5", DOSSIER_LIMIT_CHATS_PER_MIN="100000")
    surreal = None
    if SURREAL:
        db_port = free_port()
        surreal = subprocess.Popen([SURREAL, "start", "--user", "root", "--pass", "root",
                                    "--bind", f"127.0.0.1:{db_port}", "memory"],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(3)
        env.update(DOSSIER_DB=f"ws://127.0.0.1:{db_port}", DOSSIER_DB_USER="root",
                   DOSSIER_DB_PASS="root")
        print(f"database: a SurrealDB server over ws:// (pid {surreal.pid})")
    else:
        print("database: embedded (surrealkv), in the same process")
    proc = subprocess.Popen([SERVER], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                if request(base + "/api/health")[0] == 200:
                    break
            except OSError:
                pass
            time.sleep(0.1)
        body = json.dumps({"name": "Load Rep", "email": "load@dossier.test",
                           "password": "correct horse 1"}).encode()
        status, headers, _ = request(base + "/api/auth/signup", body)
        assert status == 201, status
        cookie = headers["set-cookie"].split(";")[0]
        time.sleep(1)
        idle = rss_mb(proc.pid)
        print(f"idle, signed up: RSS {idle:.1f} MB")

        with ThreadPoolExecutor(8) as pool:
            codes = list(pool.map(lambda _: request(base + "/")[0], range(5000)))
        print(f"5,000 cookie-less GET /: {codes.count(303)} redirected to sign-in; "
              f"RSS {rss_mb(proc.pid):.1f} MB")

        def open_chat(_):
            return request(base + "/api/chat/new", b"", cookie,
                           "application/x-www-form-urlencoded")[0]
        for round in (1, 2):
            with ThreadPoolExecutor(8) as pool:
                codes = list(pool.map(open_chat, range(2000)))
            opened = rss_mb(proc.pid)
            print(f"round {round}: 2,000 chats opened and left ({codes.count(200)} ok): "
                  f"RSS {opened:.1f} MB")
            time.sleep(12)
            freed = rss_mb(proc.pid)
            print(f"round {round}: after the idle feeds were freed: RSS {freed:.1f} MB "
                  f"({(freed - idle) / idle * 100:+.1f} % of idle)")
        status, _, chats = request(base + "/api/chats", cookie=cookie)
        print(f"the rep's chats in the database: {len(json.loads(chats))} (listed up to 500)")
    finally:
        proc.terminate()
        proc.wait()
        if surreal:
            surreal.terminate()
            surreal.wait()
        shutil.rmtree(data, ignore_errors=True)


if __name__ == "__main__":
    main()
