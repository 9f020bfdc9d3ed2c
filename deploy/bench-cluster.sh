#!/usr/bin/env bash
# Benchmark: the match job on the multi-process cluster with one and with two TaskManagers, same
# workload (KEYS correlation keys = 2*KEYS events, default 10000), throughput of each.
#   deploy/bench-cluster.sh [KEYS]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
NAME="${BUILD_DIR_NAME:-target}"
BUILD="$ROOT/deploy/$NAME"
cd "$ROOT"
mvn -B -q -Dbuild.dir.name="$NAME" -pl deploy -am -DskipTests package \
  dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$BUILD/test-classpath.txt" >&2
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
exec "$JAVA" -Xmx2g -Dai.djl.offline=true -Dclipstream.deploy.build-dir="$BUILD" \
  -cp "$BUILD/test-classes:$BUILD/classes:$(cat "$BUILD/test-classpath.txt")" \
  io.clipstream.deploy.cluster.ClusterThroughputBenchmark "$@"
