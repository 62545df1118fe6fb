#!/usr/bin/env python3
"""The book of business under load, on the server binary `make run` serves.

Starts the server on a fresh embedded database, signs up its first rep, then:
  1. imports a generated 100,000-row Salesforce accounts export (BOM, CRLF, quoted
     fields, currency strings) through POST /api/accounts/import, timing it end to end;
  2. while it runs, searches the book from another thread and polls the import's
     progress (the UI's progress bar reads the same endpoint);
  3. searches again over the 100,000 accounts with the import done.
Reports the import time, the peak RSS over idle (VmHWM - idle VmRSS), how many distinct
progress values were seen, and search latency p50 / p99 / max (client side, loopback:
an upper bound of the server time).

Usage: scripts/bench_book.py [path/to/server] [rows]
"""
import json, os, random, shutil, socket, subprocess, sys, tempfile, threading, time
import urllib.request

SERVER = sys.argv[1] if len(sys.argv) > 1 else "target/debug/server"
ROWS = int(sys.argv[2]) if len(sys.argv) > 2 else 100_000
WORDS = ["Northwind", "Granite", "Summit", "Harbor", "Vertex", "Juniper", "Falcon", "Cedar",
         "Beacon", "Orbit", "Quartz", "Maple", "Atlas", "Nimbus", "Sable", "Willow"]
KINDS = ["Software", "Healthcare", "FinTech", "Logistics", "Retail", "Energy", "Biotech"]
CITIES = ["Austin", "Boston", "Denver", "Chicago", "Seattle", "New York", "Berlin", "London"]


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def export(rows):
    out = ['"Account Name","Website","Industry","Billing City","Billing Country","Employees",'
           '"Annual Revenue","Account Owner","Type","Account ID"']
    rng = random.Random(7)
    for i in range(1, rows + 1):
        name = f"{rng.choice(WORDS)} {rng.choice(WORDS)} {i}"
        out.append(f'"{name}, Inc.","https://www.acct{i}.com/","{rng.choice(KINDS)}",'
                   f'"{rng.choice(CITIES)}","United States","{rng.randint(5, 90000):,}",'
                   f'"${rng.randint(1, 900) * 100000:,}.00","Owner {i % 40}","Customer - Direct",'
                   f'"001B{i:012d}"')
    return ("\ufeff" + "\r\n".join(out) + "\r\n").encode()


def rss_kb(pid, field):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


# The session cookie of the rep the benchmark signs up as (every API call needs one).
SESSION = {"cookie": ""}


def sign_up(base):
    body = json.dumps({"name": "Bench Rep", "email": "bench@dossier.test",
                       "password": "correct horse 1"}).encode()
    req = urllib.request.Request(base + "/api/auth/signup", data=body,
                                 headers={"content-type": "application/json"}, method="POST")
    with urllib.request.urlopen(req, timeout=30) as r:
        SESSION["cookie"] = r.headers["set-cookie"].split(";")[0]


def get(url):
    req = urllib.request.Request(url, headers={"cookie": SESSION["cookie"]})
    with urllib.request.urlopen(req, timeout=30) as r:
        return json.loads(r.read())


def post(url, body, ctype):
    req = urllib.request.Request(url, data=body, method="POST",
                                 headers={"content-type": ctype, "cookie": SESSION["cookie"]})
    with urllib.request.urlopen(req, timeout=600) as r:
        return json.loads(r.read())


def search_latencies(base, queries, stop=None):
    out = []
    i = 0
    while (stop is None and i < len(queries)) or (stop is not None and not stop.is_set()):
        q = queries[i % len(queries)]
        body = json.dumps({"query": q, "limit": 5}).encode()
        t = time.perf_counter()
        post(base + "/api/customers/search", body, "application/json")
        out.append((time.perf_counter() - t) * 1000)
        i += 1
    return out


def summary(ms):
    ms = sorted(ms)
    if not ms:
        return "no samples"
    p = lambda q: ms[min(len(ms) - 1, int(q * len(ms)))]
    return f"n={len(ms)} p50={p(0.5):.2f} ms p99={p(0.99):.2f} ms max={ms[-1]:.2f} ms"


def main():
    data = tempfile.mkdtemp(prefix="dossier-bench-")
    port = free_port()
    env = dict(os.environ, LEPTOS_SITE_ADDR=f"127.0.0.1:{port}", LEPTOS_SITE_ROOT=data,
               DOSSIER_DB=f"surrealkv://{data}/db", RUST_LOG="warn")
    proc = subprocess.Popen([SERVER], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):
            try:
                urllib.request.urlopen(base + "/api/health", timeout=1)
                break
            except Exception:
                time.sleep(0.1)
        sign_up(base)
        body = export(ROWS)
        queries = ["northwind", "granite summit", "acct4242.com", "vertx", "software in austin",
                   "Falcon Cedar 777", "beacon", "healthcare accounts", "quartz maple", "atlas"]
        search_latencies(base, queries * 5)  # warm up
        idle = rss_kb(proc.pid, "VmRSS")
        preview = post(base + "/api/accounts/import?preview=true&filename=bench.csv", body, "text/csv")
        import_id = preview["importId"]
        after_preview = rss_kb(proc.pid, "VmHWM")
        stop = threading.Event()
        during = []
        progress = set()
        t1 = threading.Thread(target=lambda: during.extend(search_latencies(base, queries, stop)))

        samples = []

        def sample():
            t0 = time.perf_counter()
            while not stop.is_set():
                samples.append((time.perf_counter() - t0, rss_kb(proc.pid, "VmRSS")))
                time.sleep(0.5)

        def poll():
            while not stop.is_set():
                try:
                    progress.add(get(f"{base}/api/accounts/imports/{import_id}")["written"])
                except Exception:
                    pass
                time.sleep(0.25)
        t2 = threading.Thread(target=poll)
        t3 = threading.Thread(target=sample)
        t1.start(); t2.start(); t3.start()
        t = time.perf_counter()
        report = post(f"{base}/api/accounts/import?filename=bench.csv&importId={import_id}", body, "text/csv")
        took = time.perf_counter() - t
        stop.set(); t1.join(); t2.join(); t3.join()
        peak = rss_kb(proc.pid, "VmHWM")
        # The embedded database compacts what it just wrote: let it settle first.
        time.sleep(10)
        after = search_latencies(base, queries * 200)
        settled = rss_kb(proc.pid, "VmRSS")
        print(f"server: {SERVER}")
        print(f"import of {ROWS} rows ({len(body) / 1e6:.1f} MB): {took:.2f} s end to end, "
              f"created {report['created']}, rejected {len(report['rejected'])}")
        print(f"preview (read + plan, nothing written) before it: peak RSS +{(after_preview - idle) / 1024:.0f} MB")
        print(f"peak RSS {peak / 1024:.0f} MB, idle {idle / 1024:.0f} MB: +{(peak - idle) / 1024:.0f} MB; "
              f"{settled / 1024:.0f} MB after")
        if os.environ.get("BENCH_RSS_TIMELINE"):
            print("RSS over idle (s: MB): " + " ".join(
                f"{t:.0f}:{(kb - idle) / 1024:.0f}" for t, kb in samples[::2]))
        print(f"progress values seen while importing: {len(progress)}")
        print(f"search during the import: {summary(during)}")
        print(f"search over {ROWS} imported accounts (10 s after): {summary(after)}")
    finally:
        proc.kill()
        proc.wait()
        shutil.rmtree(data, ignore_errors=True)


if __name__ == "__main__":
    main()
