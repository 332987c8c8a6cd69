#!/usr/bin/env bash
# Cold start of the desktop to an interactive login screen (issue 5; figures in docs/PERFORMANCE.md,
# "Desktop (issue 5)"). For each run: a fresh temporary PRONTIVUS_HOME gets a clinic through
# `prontivus init` (password on stdin), then `java -jar target/prontivus.jar` is started under
# Xvfb and the script waits for the one INFO line the desktop logs when the login card has been laid
# out ("login screen ready in N ms from JVM start (at epoch ms T)", see Desktop#reportLoginReadyOnce).
# Prints N (from JVM start) and T minus the shell's clock just before exec (from process launch,
# includes the java launcher and JVM boot). Then the app is stopped.
# The second argument is the jar (run with `java -jar`) or an installed launcher, e.g. the one of an
# extracted .deb (dpkg-deb -x target/installer/prontivus_*.deb DIR; DIR/opt/prontivus/bin/Prontivus),
# which starts with the AOT cache installer/package.sh made.
#   usage: bench/desktop-cold-start.sh [runs=5] [jar-or-launcher=target/prontivus.jar]
set -euo pipefail
RUNS=${1:-5}
TARGET=$(readlink -f "${2:-target/prontivus.jar}")
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
if [[ "$TARGET" == *.jar ]]; then START=("$JAVA" -jar "$TARGET"); else START=("$TARGET"); fi
for run in $(seq 1 "$RUNS"); do
  home=$(mktemp -d /tmp/prontivus-cold.XXXXXX)
  echo "bench-pass-123" | PRONTIVUS_HOME="$home" "${START[@]}" init --clinic "Clínica Fria" --admin maria \
      --admin-name "Maria" >/dev/null
  rm -f "$home/logs/prontivus.log"
  export PRONTIVUS_HOME="$home" START_CMD="${START[*]}"
  xvfb-run -a -s "-screen 0 1280x800x24" bash -c '
    log="$PRONTIVUS_HOME/logs/prontivus.log"
    t0=$(date +%s%3N)
    $START_CMD >"$PRONTIVUS_HOME/stdout.txt" 2>&1 & pid=$!
    for i in $(seq 1 600); do grep -q "login screen ready" "$log" 2>/dev/null && break; sleep 0.05; done
    line=$(grep -o "login screen ready in [0-9]* ms from JVM start (at epoch ms [0-9]*)" "$log" || true)
    kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true
    if [ -z "$line" ]; then echo "run: no ready line"; tail -5 "$PRONTIVUS_HOME/stdout.txt"; exit 1; fi
    jvm=$(echo "$line" | sed -E "s/.*ready in ([0-9]+) ms.*/\1/")
    at=$(echo "$line" | sed -E "s/.*epoch ms ([0-9]+).*/\1/")
    echo "from_jvm_start_ms=$jvm from_launch_ms=$((at - t0))"
  ' | sed "s/^/run $run: /"
  rm -rf "$home"
done
