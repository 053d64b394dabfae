#!/usr/bin/env bash
# Where the agent's per-task time goes: the 2-worker ThreadPoolExecutor no-op case, bare and
# under the agent, with JMH's gc and stack profilers and a JFR recording of the agent's fork;
# then the hot path's parts (HotPathParts) one by one.
# Output in bench/target/profile/; bench/PROFILE.md discusses a run. Needs bench/run.sh's build
# (or: mvn -B -q -Pbench package -DskipTests). Extra arguments go to JMH, e.g. -p workNanos=1000.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -n "${JAVA_HOME:-}" ]; then JAVA="$JAVA_HOME/bin/java"; else JAVA="$(command -v java)"; fi
out=bench/target/profile
mkdir -p "$out"
agent="$(pwd)/agent/target/futurist-agent.jar"
jmh=("$JAVA" -cp bench/target/futurist-bench.jar org.openjdk.jmh.Main
     'io.futurist.bench.ThreadPoolThroughput.execute' -p workNanos=0 -p wrapper=none
     -f 1 -wi 3 -w 1 -i 5 -r 1)
stack='stack:lines=4;top=25;detailLine=true'

echo "== bare: gc, stack" | tee "$out/bare.txt"
"${jmh[@]}" -jvmArgs "-Xms1g -Xmx1g -XX:+AlwaysPreTouch" -prof gc -prof "$stack" "$@" >> "$out/bare.txt" 2>&1
echo "== agent: gc, stack" | tee "$out/agent.txt"
"${jmh[@]}" -jvmArgs "-javaagent:$agent -Xms1g -Xmx1g -XX:+AlwaysPreTouch" -prof gc -prof "$stack" "$@" >> "$out/agent.txt" 2>&1
echo "== agent: JFR" | tee "$out/agent-jfr.txt"
"${jmh[@]}" -jvmArgs "-javaagent:$agent -Xms1g -Xmx1g -XX:+AlwaysPreTouch" -prof "jfr:dir=$out/jfr" "$@" >> "$out/agent-jfr.txt" 2>&1
echo "== the hot path's parts, one thread, no agent" | tee "$out/parts.txt"
"$JAVA" -cp bench/target/futurist-bench.jar org.openjdk.jmh.Main 'io.futurist.bench.HotPathParts' -jvmArgs '-Xms1g -Xmx1g -XX:+AlwaysPreTouch' \
  -f 1 -wi 3 -w 1 -i 5 -r 1 >> "$out/parts.txt" 2>&1
grep -E '^HotPathParts' "$out/parts.txt" || true
for f in bare agent; do
  echo "--- $f"; grep -E '^ThreadPoolThroughput.execute(:gc.alloc.rate.norm)? ' "$out/$f.txt" || true
done
echo "JFR recording(s): $(find "$out/jfr" -name '*.jfr' | tr '\n' ' ')"
