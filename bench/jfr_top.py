#!/usr/bin/env python3
"""Top consumers of a JFR recording's execution samples: the hottest methods (self time) and the
share of each library (by the top frame's package), optionally for some threads only.
(Without --stack-depth, jfr print keeps 5 frames of each stack: enough for self time, too few to
find the pipeline stage a sample belongs to; bench/jfr_stages.py needs the deeper stacks.)

  jfr print --json --stack-depth 64 --events jdk.ExecutionSample rec.jfr > samples.json
  python3 bench/jfr_top.py samples.json --threads 'Source:|encode|embeddings' --top 25
"""
import argparse
import collections
import json
import re

LIBRARIES = [("io.clipstream.", "clipstream"), ("org.apache.kafka.", "Kafka"), ("kafka.", "Kafka"),
             ("org.apache.flink.", "Flink"), ("org.apache.avro.", "Avro"), ("ai.djl.", "DJL"),
             ("com.twelvemonkeys.", "ImageIO"), ("javax.imageio.", "ImageIO"), ("com.sun.imageio.", "ImageIO"),
             ("sun.awt.image.", "AWT"), ("java.awt.", "AWT"), ("java.", "JDK"), ("jdk.", "JDK"), ("sun.", "JDK")]


def library(method):
    for prefix, name in LIBRARIES:
        if method.startswith(prefix):
            return name
    return "other"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("samples")
    ap.add_argument("--threads", help="regular expression the sampled thread's name must match")
    ap.add_argument("--top", type=int, default=20)
    args = ap.parse_args()
    events = json.load(open(args.samples))["recording"]["events"]
    pattern = re.compile(args.threads) if args.threads else None
    methods = collections.Counter()
    libs = collections.Counter()
    first_own = collections.Counter()
    total = 0
    for e in events:
        v = e["values"]
        thread = (v.get("sampledThread") or {}).get("javaName") or ""
        if pattern and not pattern.search(thread):
            continue
        frames = (v.get("stackTrace") or {}).get("frames") or []
        if not frames:
            continue
        total += 1
        names = [f["method"]["type"]["name"].replace("/", ".") + "." + f["method"]["name"] for f in frames]
        methods[names[0]] += 1
        libs[library(names[0])] += 1
        own = next((n for n in names if n.startswith("io.clipstream.")), None)
        if own:
            first_own[own] += 1
    print(f"{total} samples" + (f" on threads matching {args.threads!r}" if pattern else ""))
    print("\nby library (top frame):")
    for name, n in libs.most_common():
        print(f"  {100 * n / total:5.1f}%  {name}")
    print(f"\ntop {args.top} methods (self):")
    for name, n in methods.most_common(args.top):
        print(f"  {100 * n / total:5.1f}%  {name}")
    print(f"\ntop {args.top} clipstream methods on the stack (innermost clipstream frame):")
    for name, n in first_own.most_common(args.top):
        print(f"  {100 * n / total:5.1f}%  {name}")


if __name__ == "__main__":
    main()
