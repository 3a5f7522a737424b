# Shared by bench/ui-*: build once, pick a display, run a UI benchmark class. Sourced, not run.
# shellcheck shell=bash
cd "$root"
# shellcheck source=../scripts/find-jdk.sh
. scripts/find-jdk.sh
cl_find_jdk
cl_require_maven

ui_bench_build() {
  echo "ui-bench: building with $JAVA_HOME ..." >&2
  mvn -o -q -B -ntp -pl engine,assets,views,tests -am package -DskipTests
}

xvfb_pid=""
ui_bench_cleanup() { if [ -n "$xvfb_pid" ]; then kill "$xvfb_pid" 2>/dev/null || true; wait "$xvfb_pid" 2>/dev/null || true; fi; }
trap ui_bench_cleanup EXIT

# Xvfb on a free display number from :99 up unless forced to Monocle or a display is already set.
ui_bench_display() {
  if [ -n "${CLUSTERLAB_BENCH_MONOCLE:-}" ]; then unset DISPLAY; return; fi
  if [ -n "${DISPLAY:-}" ]; then return; fi
  command -v Xvfb >/dev/null || return 0
  local n
  for n in $(seq 99 120); do
    [ -e "/tmp/.X$n-lock" ] && continue
    Xvfb ":$n" -screen 0 1920x1080x24 -nolisten tcp >/dev/null 2>&1 &
    xvfb_pid=$!
    for _ in $(seq 1 50); do [ -e "/tmp/.X11-unix/X$n" ] && break; sleep 0.1; done
    if kill -0 "$xvfb_pid" 2>/dev/null; then export DISPLAY=":$n"; return; fi
    xvfb_pid=""
  done
  echo "ui-bench: could not start Xvfb; using Monocle" >&2
}

ui_bench_java() {
  local main=$1; shift
  local classpath extra=()
  classpath="tests/target/classes:$(cat tests/target/ui-benchmark-classpath.txt)"
  if [ "$(cl_java_major "$JAVA_HOME/bin/java")" -ge 24 ]; then extra+=(--sun-misc-unsafe-memory-access=allow); fi
  "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED "${extra[@]}" ${CLUSTERLAB_BENCH_JAVA_OPTS:-} -cp "$classpath" "$main" "$@"
}
