#!/usr/bin/env python3
"""Shares of a JFR recording's execution samples on Flink task threads, by pipeline stage: each
sample goes to the first stage (in the order below) with a frame anywhere on its stack, so a copy
made while the source emits counts as a copy, not as the source.

  jfr print --json --stack-depth 64 --events jdk.ExecutionSample rec.jfr > samples.json
  python3 bench/jfr_stages.py samples.json [--threads REGEX]

Only Java frames are sampled: time in the model's native code shows up as little "model" here.
"""
import argparse
import collections
import json
import re

STAGES = [
    ("model (Java side)", ("io.clipstream.model.", "ai.djl.")),
    ("decode (ImageIO, AWT)", ("ImageDecoder.", "javax.imageio", "com.sun.imageio", "sun.awt.image", "java.awt.image",
                               "com.twelvemonkeys")),
    ("preprocess (resample, normalise)", ("io.clipstream.preprocess.",)),
    ("copy between chained operators", ()),  # a serializer's copy called by CopyingChainingOutput, see copied()
    ("Kafka sink (serialize, send)", ("KafkaWriter", "CloudEventsSerializer", "KafkaProducer")),
    ("serialize into a channel", ("RecordWriter.emit", "RecordWriterOutput.pushToRecordWriter")),
    ("deserialize from a channel", ("SpillingAdaptiveSpanningRecordDeserializer", "NonReusingDeserializationDelegate",
                                    "StreamElementSerializer.deserialize")),
    ("Kafka source and the rest of the chain it drives", ("KafkaRecordEmitter", "EventDeserializer", "SourceReaderBase",
                                           "KafkaPartitionSplitReader")),
    ("output guard, result events", ("OutputGuard", "Embeddings.", "ResultEvents")),
    ("async operator", ("AsyncWaitOperator",)),
    ("checkpointing", ("SubtaskCheckpointCoordinator", "snapshotState")),
]


def copied(frames):
    """The serializer whose copy is on the stack, called by the chain's copying output, or None."""
    for i, f in enumerate(frames):
        if i > 0 and "CopyingChainingOutput.pushToOperator" in f and "Serializer.copy" in frames[i - 1]:
            return frames[i - 1].rsplit(".", 2)[-2]
    return None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("samples")
    ap.add_argument("--threads", default="#", help="regular expression of the threads (default: Flink task threads)")
    args = ap.parse_args()
    pattern = re.compile(args.threads)
    shares = collections.Counter()
    copies = collections.Counter()
    total = 0
    for e in json.load(open(args.samples))["recording"]["events"]:
        v = e["values"]
        thread = (v.get("sampledThread") or {}).get("javaName") or ""
        if not pattern.search(thread):
            continue
        frames = [f["method"]["type"]["name"].replace("/", ".") + "." + f["method"]["name"]
                  for f in (v.get("stackTrace") or {}).get("frames") or []]
        total += 1
        stage = "other"
        serializer = copied(frames)
        for name, keys in STAGES:
            if (serializer and name.startswith("copy")) or any(k in f for f in frames for k in keys):
                stage = name
                break
        shares[stage] += 1
        if stage.startswith("copy"):
            copies[serializer] += 1
    print(f"{total} samples on threads matching '{args.threads}'")
    for name, n in shares.most_common():
        print(f"  {100 * n / max(1, total):5.1f}%  {name}")
    if copies:
        print("  copies by serializer (the outer one): " + ", ".join(f"{k} {100 * n / total:.1f}%" for k, n in copies.most_common(5)))


if __name__ == "__main__":
    main()
