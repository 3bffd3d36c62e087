#!/usr/bin/env python3
"""Reload latency of `forewarn serve`: the time from saving one notice to the
reload event reaching a connected client, median of N edits.

Usage: scripts/bench-serve.py [--count 10000] [--edits 20] [--bin target/release/forewarn]

Generates (or reuses) a native corpus with ../shared/bench/gen_corpus.py,
starts `forewarn serve` on a free port, connects to the event stream like a
browser tab, then edits one notice N times, waiting for each reload event.
Standard library only.
"""
import argparse, os, shutil, socket, statistics, subprocess, sys, time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
GEN = ROOT.parent / "shared" / "bench" / "gen_corpus.py"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--count", type=int, default=10000)
    ap.add_argument("--edits", type=int, default=20)
    ap.add_argument("--bin", default=str(ROOT / "target" / "release" / "forewarn"))
    ap.add_argument("--workdir", default="/tmp/forewarn-bench-serve")
    a = ap.parse_args()
    site = Path(a.workdir) / f"n{a.count}"
    if not (site / "content").is_dir():
        subprocess.run([sys.executable, str(GEN), "--flavor", "native", "--count", str(a.count),
                        "--out", str(site), "--force"], check=True, stdout=subprocess.DEVNULL)
    port = free_port()
    t0 = time.monotonic()
    # The corpus's settings, with the rule levels a benchmark needs.
    config = ROOT / "scripts" / "bench.toml"
    proc = subprocess.Popen([a.bin, "--root", str(site), "--config", str(config), "serve", "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        while True:
            try:
                sock = socket.create_connection(("127.0.0.1", port))
                break
            except OSError:
                if proc.poll() is not None:
                    sys.exit("serve exited: " + proc.stderr.read())
                time.sleep(0.02)
        startup = time.monotonic() - t0
        sock.sendall(b"GET /__forewarn/events HTTP/1.1\r\nHost: localhost\r\n\r\n")
        stream = sock.makefile("rb")

        def next_event(timeout=30.0):
            sock.settimeout(timeout)
            while True:
                line = stream.readline()
                if not line:
                    raise SystemExit("event stream closed")
                if line.startswith(b"data: "):
                    return line[6:].strip().decode()

        next_event()  # the current version, sent on connect
        notice = sorted((site / "content" / "notices").glob("*.md"))[len(list((site / "content" / "notices").glob("*.md"))) // 2]
        original = notice.read_text()
        times = []
        try:
            for i in range(a.edits):
                time.sleep(0.3)  # let the previous rebuild settle
                start = time.monotonic()
                notice.write_text(original + f"\n\nEdit number {i} for the reload benchmark.\n")
                next_event()
                times.append((time.monotonic() - start) * 1000)
        finally:
            notice.write_text(original)
        med = statistics.median(times)
        print(f"notices: {a.count}; startup (first load, listening): {startup*1000:.0f} ms")
        print(f"save -> reload event, {a.edits} edits: median {med:.1f} ms, min {min(times):.1f}, max {max(times):.1f}")
    finally:
        proc.terminate()
        proc.wait()


if __name__ == "__main__":
    main()
