# Sourced by .ci/run and ./run-tests: the external programs the tests drive, and how to get them.
# The iSCSI conformance and interop tests (tests/, package dev.clusterlab.tests.iscsi) run libiscsi's
# tools against the in-process target; without them those tests fail (by design: never skipped).

# Debian package -> a program it provides (checked to decide whether the package is installed).
CL_TEST_PACKAGES=(
  "libiscsi-bin:iscsi-test-cu"   # iscsi-test-cu, iscsi-ls, iscsi-inq, iscsi-readcapacity16, iscsi-swp
  "qemu-utils:qemu-io"            # QEMU's iSCSI block driver as a second initiator (interop test)
  "qemu-block-extra:/usr/lib/x86_64-linux-gnu/qemu/block-iscsi.so"
  "tgt:/usr/sbin/tgtd"            # tgtd + tgtadm: reference target for the initiator interop tests (engine, iscsi.initiator)
  "tshark:tshark"                 # Wireshark's decoder: checks the lab's pcapng export field by field
  "tcpdump:tcpdump"               # captures real iSCSI traffic on loopback for the capture-import tests
)

cl_have_program() { # $1 = program (or an absolute file path); also looks in sbin directories
  case "$1" in /*) [ -e "$1" ]; return;; esac
  command -v "$1" >/dev/null 2>&1 && return 0
  local d
  for d in /usr/local/bin /usr/bin /bin /usr/local/sbin /usr/sbin /sbin; do [ -x "$d/$1" ] && return 0; done
  return 1
}

cl_missing_test_packages() { # prints the packages whose programs are missing, space separated
  local entry missing=()
  for entry in "${CL_TEST_PACKAGES[@]}"; do
    cl_have_program "${entry#*:}" || missing+=("${entry%%:*}")
  done
  echo "${missing[*]:-}"
}

# Installs missing test packages when running as root (apt-get); otherwise says exactly what to
# install and returns 1.
cl_ensure_test_deps() {
  local missing
  missing="$(cl_missing_test_packages)"
  [ -z "$missing" ] && return 0
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing test dependencies: $missing" >&2
    export DEBIAN_FRONTEND=noninteractive
    # shellcheck disable=SC2086 # word splitting of the package list is intended
    apt-get update -q && apt-get install -y -q --no-install-recommends $missing || {
      echo "Could not install $missing (apt-get failed; see above)." >&2
      return 1
    }
    return 0
  fi
  {
    echo "The tests need programs that are not installed: Debian package(s) $missing."
    echo "Install them with:"
    echo "    sudo apt-get install -y $missing"
    echo "(or run .ci/run as root, which installs everything the tests need)."
  } >&2
  return 1
}
