#!/usr/bin/env bash
# A Flink session cluster of separate JVM processes on this machine: one JobManager and N
# TaskManagers, on the class path a clipstream image has (Flink's lib/ plus DJL), and the thin job
# jar submitted through the REST API.
#
#   deploy/local-cluster.sh start [--task-managers N] [--bind-address ADDR] [-Dkey=value ...]
#   deploy/local-cluster.sh submit [JAR] --class ENTRY [--parallelism P] [--] [ARGS ...]
#   deploy/local-cluster.sh status | add-tm | kill-tm NAME | stop
#   deploy/local-cluster.sh kafka [--bind-address ADDR]   in-process KRaft broker in the foreground (prints its address)
#
# Every process listens on 127.0.0.1 unless --bind-address names another address (0.0.0.0: every interface).
#
# JAR defaults to the thin job jar built by this module. Environment:
#   CLIPSTREAM_CLUSTER_DIR  the cluster's folder (configuration, pids, logs); default deploy/<build>/local-cluster
#   BUILD_DIR_NAME          Maven output folder name (default target)
#   CLIPSTREAM_REBUILD=1    rebuild the jars and lib folders first
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="$ROOT/deploy/${BUILD_DIR_NAME:-target}"
DIR="${CLIPSTREAM_CLUSTER_DIR:-$BUILD/local-cluster}"
JOB_JAR="$BUILD/job/clipstream-job.jar"
JOBS="$ROOT/flink-jobs/${BUILD_DIR_NAME:-target}"

if [[ ! -f "$JOB_JAR" || ! -d "$BUILD/flink-lib" || ! -d "$BUILD/cluster-lib" || ! -d "$JOBS/lib" || -n "${CLIPSTREAM_REBUILD:-}" ]]; then
  echo "local-cluster: building the job jar and the cluster lib folders..." >&2
  (cd "$ROOT" && mvn -B -q -Dbuild.dir.name="${BUILD_DIR_NAME:-target}" -pl deploy -am -DskipTests package) >&2
fi

JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
# inherited by the JobManager and TaskManager processes; the same defaults as the image (deploy/README.md)
export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}"
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"
launcher() {
  "$JAVA" -cp "$BUILD/classes:$BUILD/flink-lib/*" io.clipstream.deploy.cluster.LocalClusterCommand --dir "$DIR" "$@"
}

cmd="${1:-}"; [[ $# -gt 0 ]] && shift
case "$cmd" in
  start)
    launcher start --lib "$BUILD/flink-lib" --lib "$BUILD/cluster-lib" "$@" ;;
  submit)
    if [[ $# -gt 0 && "$1" == *.jar ]]; then jar="$1"; shift; else jar="$JOB_JAR"; fi
    launcher submit "$jar" "$@" ;;
  status|add-tm|kill-tm|stop)
    launcher "$cmd" "$@" ;;
  kafka)
    exec "$JAVA" -cp "$BUILD/classes:$JOBS/clipstream-flink-jobs-0.1.0-SNAPSHOT.jar:$JOBS/lib/*" \
      -Dlog4j2.configurationFile=classpath:clipstream-log4j2.properties io.clipstream.deploy.cluster.LocalKafka "$DIR" "$@" ;;
  *)
    sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
esac
