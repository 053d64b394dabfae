#!/usr/bin/env bash
# Futurist's benchmark suite: builds what it needs, runs every case on the JDK that JAVA_HOME
# (or the PATH's java) names, and writes bench/RESULTS.md (a section per JDK, kept in
# bench/results/jdkN.md). About 13 minutes on an otherwise idle 2-core machine; other load
# stretches it (22 minutes at a load average of 10). The JMH log goes to bench/target/.
#
#   bench/run.sh                                                   # default JDK
#   JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 bench/run.sh        # JDK 25: a second section
#   bench/run.sh --only 'tpe-noop' --no-extras --rounds 1           # a quick look at one case
#
# Extra arguments go to io.futurist.bench.Suite (see its Javadoc): --rounds, --warmup,
# --iterations, --seconds, --startup-runs, --churn, --only REGEX, --no-extras.
#
# bench/PROFILE.md's standalone loops (one case per JVM, no JMH; alternate the JVMs yourself)
# are in the same jar once this has built it: io.futurist.bench.Loop (see its Javadoc).
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -n "${JAVA_HOME:-}" ]; then
  JAVA="$JAVA_HOME/bin/java"
else
  JAVA="$(command -v java)"
fi
echo "futurist-bench: $("$JAVA" -version 2>&1 | head -n 1); load $(cut -d' ' -f1-3 /proc/loadavg)"

# The agent, the demo and the benchmark jar; tests are the test command's business.
mvn -B -q --no-transfer-progress -Pbench package -DskipTests

mkdir -p bench/target
log="bench/target/bench-$(date +%Y%m%d-%H%M%S).log"
echo "futurist-bench: running the suite; log in $log"
"$JAVA" -jar bench/target/futurist-bench.jar \
  --agent agent/target/futurist-agent.jar \
  --demo demo/target/futurist-demo.jar \
  --results bench \
  "$@" > "$log" 2>&1 || { tail -n 50 "$log"; echo "futurist-bench: failed, see $log" >&2; exit 1; }
sed -n '/^## JDK/,$p' "$log" | sed '/^futurist-bench: wrote/q'
