#!/usr/bin/env bash
# Where the agent's start-up time goes. Needs `mvn -o -B -q -Pbench package -DskipTests` first.
#
#   bench/startup.sh [RUNS] [OTHER_AGENT_JAR]       # JDK of JAVA_HOME, or the PATH's java
#
# 1. A class-load timeline of a hello-world main under the agent (jmx=false): when premain
#    starts, when the bootstrap classes are in place, when the four JDK classes are redefined,
#    when main starts; and how many classes were loaded (Byte Buddy's, all, from the CDS archive).
# 2. Medians of RUNS (default 10) start-ups, bare and under the agent with jmx=false and
#    jmx=true, and with a class cache (cache=DIR, filled first by `futurist-agent.jar cache DIR`
#    in a private temporary directory), for hello and for the demo (to its first line): wall
#    and CPU milliseconds.
#    With OTHER_AGENT_JAR (say, a build of an older commit) its rows are measured alongside.
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
RUNS="${1:-10}"
OTHER="${2:-}"
AGENT=agent/target/futurist-agent.jar
DEMO=demo/target/futurist-demo.jar
BENCH=bench/target/futurist-bench.jar
HELLO="-cp $BENCH io.futurist.bench.Hello"
echo "futurist start-up: $("$JAVA" -version 2>&1 | head -n 1)"

log=$(mktemp)
"$JAVA" -Xlog:class+load:file="$log":uptime -javaagent:$AGENT=jmx=false $HELLO >/dev/null 2>&1
at() { grep -m1 "$1" "$log" | sed 's/^\[\([0-9.]*\)s\].*/\1/'; }
echo "timeline (s since JVM start): premain $(at 'io.futurist.agent.FuturistAgent ')," \
  "bootstrap classes defined $(at 'io.futurist.agent.AgentRuntime ')," \
  "hooks built from $(at 'agent.instrument.ThreadPoolHooks ') to $(at 'agent.instrument.ClassRewriter ')," \
  "first class redefined $(at '__VM_RedefineClasses__'), last $(grep '__VM_RedefineClasses__' "$log" | tail -n 1 | sed 's/^\[\([0-9.]*\)s\].*/\1/')," \
  "main $(at 'bench.Hello ')"
echo "classes loaded: $(wc -l < "$log") in all, $(grep -c 'shaded.bytebuddy' "$log") of Byte Buddy, $(grep -c 'shared objects file' "$log") from the CDS archive"
rm -f "$log"

cache=$(mktemp -d)
trap 'rm -rf "$cache"' EXIT
"$JAVA" -jar $AGENT cache "$cache" >/dev/null
log=$(mktemp)
"$JAVA" -Xlog:class+load:file="$log":uptime -javaagent:$AGENT=jmx=false,cache="$cache" $HELLO >/dev/null 2>&1
echo "with cache=: premain $(at 'io.futurist.agent.FuturistAgent '), first class redefined $(at '__VM_RedefineClasses__')," \
  "main $(at 'bench.Hello '); classes loaded: $(wc -l < "$log") in all, $(grep -c 'shaded.bytebuddy' "$log") of Byte Buddy"
rm -f "$log"

rows=("hello/bare::$HELLO" "hello/agent(jmx=false)::-javaagent:$AGENT=jmx=false $HELLO"
      "demo/bare::-jar $DEMO" "demo/agent(jmx=false)::-javaagent:$AGENT=jmx=false -jar $DEMO"
      "demo/agent::-javaagent:$AGENT -jar $DEMO"
      "hello/agent+cache(jmx=false)::-javaagent:$AGENT=jmx=false,cache=$cache $HELLO"
      "demo/agent+cache(jmx=false)::-javaagent:$AGENT=jmx=false,cache=$cache -jar $DEMO"
      "demo/agent+cache::-javaagent:$AGENT=cache=$cache -jar $DEMO")
if [ -n "$OTHER" ]; then
  rows+=("hello/other(jmx=false)::-javaagent:$OTHER=jmx=false $HELLO" "demo/other(jmx=false)::-javaagent:$OTHER=jmx=false -jar $DEMO"
         "demo/other::-javaagent:$OTHER -jar $DEMO")
fi
"$JAVA" bench/startup/StartupTimes.java "$JAVA" "$RUNS" "hello from a plain JVM|Order analytics pipeline" "${rows[@]}" | sed 's/^/  /'
