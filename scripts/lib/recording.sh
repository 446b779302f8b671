# Shared by scripts/record-*.sh (sourced, after NS is set): a temporary file for manifest
# lines, the throw-away namespace NS removed on EXIT/INT/TERM (the machine's own interfaces
# are never touched), in_ns to run a command inside it, and TC_VER, the iproute2 version.
MANIFEST_LINES=$(mktemp)

cleanup() {
  ip netns del "$NS" 2>/dev/null || true
  rm -f "$MANIFEST_LINES"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

in_ns() { nsenter --net="/var/run/netns/$NS" "$@"; }
TC_VER=$(tc -V | sed -n 's/.*iproute2-\([^ ,]*\).*/\1/p')
