# Sourced by ./clusterlab, ./run-tests and .ci/run: picks a JDK >= 21 and exports JAVA_HOME.
# Order: $JAVA_HOME, `java` on the PATH, then every JDK under /usr/lib/jvm and /opt (newest first).

cl_java_major() { # $1 = path to a java binary; prints its feature version or nothing
  "$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}' | cut -d. -f1
}

cl_find_jdk() {
  local candidates=() c major
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  if command -v java >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
  fi
  for c in $(ls -d /usr/lib/jvm/*/ /opt/*jdk*/ /opt/java/*/ 2>/dev/null | sort -rV); do candidates+=("${c%/}"); done
  for c in "${candidates[@]}"; do
    [ -x "$c/bin/java" ] && [ -x "$c/bin/javac" ] || continue
    major=$(cl_java_major "$c/bin/java")
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then
      export JAVA_HOME="$c"
      export PATH="$JAVA_HOME/bin:$PATH"
      # Maven 3.8's bundled Guava warns about sun.misc.Unsafe on JDK 24+; the warning is noise.
      if [ "$major" -ge 24 ]; then export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"; fi
      return 0
    fi
  done
  {
    echo "ClusterLab needs a JDK 21 or newer (java and javac), and none was found."
    echo "Looked at: \$JAVA_HOME (${JAVA_HOME:-unset}), the java on the PATH, /usr/lib/jvm/*, /opt/*jdk*."
    echo "Install one (for example: apt-get install openjdk-21-jdk, or Temurin 21+) or set JAVA_HOME to it."
  } >&2
  return 1
}

cl_require_maven() {
  command -v mvn >/dev/null 2>&1 && return 0
  echo "ClusterLab builds with Apache Maven (3.8 or newer), and 'mvn' is not on the PATH. Install it (apt-get install maven)." >&2
  return 1
}
