#!/bin/sh
# tc-audit capture: record every device's clsact ingress/egress filters (host namespace and
# every named namespace) plus `tc qdisc show` and `bpftool -j net show`, into one file for
# `tc-audit analyze`.
# POSIX sh (dash-compatible), needs only ip, tc, nsenter and (optionally) bpftool. Read-only:
# it runs `show` commands and reads /proc/net/dev, nothing else.
#
#   sh capture.sh > node1.capture        # as root
#
# Format (docs/input-formats.md): each section starts with a marker line
#   ### tc-audit capture v1 node=N netns=NS dev=D hook=H ###
# Values are percent-encoded (%25 %, %20 space, %09 tab, %23 #). A command that fails adds
#   ### tc-audit capture-failed exit=RC ###
# at the end of its section. Optional knobs: TCAT_CAPTURE_SKIP_HOST=1 skips the host
# namespace; TCAT_CAPTURE_NETNS_FILTER=PREFIX keeps only named namespaces starting with PREFIX.

tcat_enc() {
  printf '%s' "$1" | sed -e 's/%/%25/g' -e 's/ /%20/g' -e 's/	/%09/g' -e 's/#/%23/g'
}

tcat_node=$(tcat_enc "$(uname -n)")

# tcat_marker NETNS DEV HOOK
tcat_marker() {
  printf '### tc-audit capture v1 node=%s netns=%s dev=%s hook=%s ###\n' \
    "$tcat_node" "$(tcat_enc "$1")" "$(tcat_enc "$2")" "$3"
}

# tcat_in NETNS CMD...: run CMD in the namespace (host = as is). nsenter keeps /sys/fs/bpf
# visible, which `ip netns exec` hides (it remounts /sys). Nothing run here reads stdin, which
# in the loops below is the list being read.
tcat_in() {
  tcat_ns=$1
  shift
  if [ "$tcat_ns" = host ]; then
    "$@" </dev/null
  else
    nsenter --net="/var/run/netns/$tcat_ns" "$@" </dev/null
  fi
}

# tcat_section NETNS DEV HOOK CMD...: marker, output, failure line if the command failed.
tcat_section() {
  tcat_s_ns=$1
  tcat_s_dev=$2
  tcat_s_hook=$3
  shift 3
  tcat_marker "$tcat_s_ns" "$tcat_s_dev" "$tcat_s_hook"
  tcat_in "$tcat_s_ns" "$@" 2>&1
  tcat_rc=$?
  if [ "$tcat_rc" -ne 0 ]; then
    printf '### tc-audit capture-failed exit=%s ###\n' "$tcat_rc"
  fi
}

# tcat_devices NETNS: the namespace's device names, one per line, from /proc/net/dev (which
# shows the namespace of the process reading it). Each line there is "NAME: counters" and the
# kernel refuses ':' and whitespace in names, so the name is exact. `ip -o link show` prints
# "NAME@PEER:" instead, and a name may itself hold '@'.
tcat_devices() {
  tcat_in "$1" cat /proc/net/dev 2>/dev/null | sed -n '3,$s/^ *\([^:]*\):.*/\1/p'
}

tcat_capture_ns() {
  tcat_c_ns=$1
  # Line by line: a name may hold * ? [ ], which an unquoted $(...) would expand as a glob.
  tcat_devices "$tcat_c_ns" | while IFS= read -r tcat_dev; do
    tcat_section "$tcat_c_ns" "$tcat_dev" ingress tc filter show dev "$tcat_dev" ingress
    tcat_section "$tcat_c_ns" "$tcat_dev" egress tc filter show dev "$tcat_dev" egress
  done
  # Which devices hold the legacy ingress qdisc rather than clsact (rule legacy-ingress-qdisc).
  tcat_section "$tcat_c_ns" "" tc-qdisc tc qdisc show
  if command -v bpftool >/dev/null 2>&1; then
    tcat_section "$tcat_c_ns" "" bpftool-net-json bpftool -j net show
  fi
}

tcat_main() {
  printf '# tc-audit capture from %s, kernel %s\n' "$(uname -n)" "$(uname -r)"
  printf '# %s\n' "$(tc -V 2>&1)"
  if command -v bpftool >/dev/null 2>&1; then
    printf '# %s\n' "$(bpftool version 2>&1 | head -n 1)"
  fi
  if [ "${TCAT_CAPTURE_SKIP_HOST:-0}" != 1 ]; then
    tcat_capture_ns host
  fi
  # `ip netns list` prints "name (id: 3)" or just "name"; names may contain spaces,
  # so read whole lines rather than splitting words.
  ip netns list 2>/dev/null | sed 's/ (id: [0-9]*)$//' | while IFS= read -r tcat_ns; do
    case "$tcat_ns" in
      "${TCAT_CAPTURE_NETNS_FILTER:-}"*) tcat_capture_ns "$tcat_ns" ;;
    esac
  done
}

tcat_main
