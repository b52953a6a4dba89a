#!/usr/bin/env python3
"""Median time for an edit to reach the browser under `pmbook serve`.

Starts `pmbook serve` on ARCHIVE (e.g. one made by `pmbook generate`),
edits one post-mortem N times (a new title each time, saved the way editors
save: write a temporary file, rename it over the original) and measures, for
each edit, the time until the served page shows the new title, polling every
2 ms. Also collects serve's own "rebuilt ... in X ms" figures (the rebuild
alone, without the watcher's debounce: when the edited page was in place,
and when its term pages and the home page were too). Prints median / p90 /
max of each.

    python3 bench/serve-edits.py ARCHIVE [--bin target/release/pmbook] [--edits 20] [--no-search]
"""
import argparse
import http.client
import os
import re
import statistics
import subprocess
import sys
import threading
import time


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("archive")
    ap.add_argument("--bin", default="target/release/pmbook")
    ap.add_argument("--edits", type=int, default=20)
    ap.add_argument("--pause", type=float, default=0.5, help="seconds between edits")
    ap.add_argument("--no-search", action="store_true")
    args = ap.parse_args()

    content = os.path.join(args.archive, "content")
    docs = sorted(os.path.join(d, f) for d, _, fs in os.walk(content) for f in fs if f.endswith(".md"))
    if not docs:
        sys.exit(f"no post-mortems under {content}")
    # A post-mortem in the middle of the archive with YAML `id:` and `title:`.
    for doc in docs[len(docs) // 2:] + docs:
        text = open(doc, encoding="utf-8").read()
        m = re.search(r"^id: *(\S+)", text, re.M)
        t = re.search(r"^title: *(.+)$", text, re.M)
        if m and t:
            break
    else:
        sys.exit("no post-mortem with YAML `id:` and `title:` lines")
    slug = m.group(1).strip("'\"").lower()

    cmd = [args.bin, "-C", args.archive, "serve", "--port", "0", "--quiet"] + (["--no-search"] if args.no_search else [])
    started = time.time()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    line = proc.stdout.readline()
    url = re.search(r"http://([^/ ]+)/", line)
    if not url:
        proc.kill()
        sys.exit(f"serve did not start: {line!r} {proc.stderr.read()}")
    host = url.group(1)
    print(f"serving {len(docs)} post-mortems; first build {time.time() - started:.1f} s; editing {os.path.relpath(doc, args.archive)}")

    first_page, rebuilds = [], []

    def read_log():
        for l in proc.stderr:
            r = re.search(r"rebuilt \d+ page\(s\): edited page in ([0-9.]+) ms, all in ([0-9.]+) ms", l)
            if r:
                first_page.append(float(r.group(1)))
                rebuilds.append(float(r.group(2)))

    threading.Thread(target=read_log, daemon=True).start()

    def page():
        c = http.client.HTTPConnection(host, timeout=10)
        c.request("GET", f"/incidents/{slug}/")
        body = c.getresponse().read().decode("utf-8", "replace")
        c.close()
        return body

    visible = []
    try:
        for i in range(args.edits):
            marker = f"edit-{i}-{int(time.time() * 1000)}"
            new = text.replace(t.group(0), f"title: {marker} {t.group(1)}", 1)
            tmp = doc + ".tmp~"
            with open(tmp, "w", encoding="utf-8") as f:
                f.write(new)
            t0 = time.perf_counter()
            os.replace(tmp, doc)
            while marker not in page():
                if time.perf_counter() - t0 > 30:
                    sys.exit(f"edit {i} never became visible")
                time.sleep(0.002)
            visible.append((time.perf_counter() - t0) * 1000)
            time.sleep(args.pause)
    finally:
        with open(doc, "w", encoding="utf-8") as f:
            f.write(text)
        time.sleep(0.3)
        proc.terminate()

    def show(name, xs):
        xs = sorted(xs)
        p90 = xs[max(0, int(round(0.9 * len(xs))) - 1)]
        print(f"{name:<34} n={len(xs):<3} median {statistics.median(xs):7.1f} ms   p90 {p90:7.1f} ms   max {xs[-1]:7.1f} ms")

    show("edit visible in the served page", visible)
    if rebuilds:
        show("rebuild: the edited page", first_page)
        show("rebuild: + term pages and home", rebuilds)


if __name__ == "__main__":
    main()
