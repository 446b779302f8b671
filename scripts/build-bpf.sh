#!/usr/bin/env bash
# Compile every eBPF C source into a .o next to it (committed, so tests need no clang):
# bpf/** (shipped and test programs), plus the test-only programs of the watch tests and
# the recorded fixtures.
# Generic on purpose: any directory under bpf/ gets the same treatment. Idempotent: an object
# is rebuilt only when its source or a header beside it is newer (pass --force to rebuild all).
set -euo pipefail
cd "$(dirname "$0")/.."
CLANG="${CLANG:-clang}"
ARCH_INC="/usr/include/$(uname -m)-linux-gnu"
force=0
[[ "${1:-}" == "--force" ]] && force=1
built=0
while IFS= read -r -d '' src; do
  obj="${src%.c}.o"
  dir="$(dirname "$src")"
  if [[ $force -eq 0 && -f "$obj" && "$obj" -nt "$src" ]]; then
    # Headers in the same directory are shared; a newer one means rebuild.
    newer=$(find "$dir" -maxdepth 1 -name '*.h' -newer "$obj" -print -quit)
    [[ -z "$newer" ]] && continue
  fi
  "$CLANG" -O2 -g -target bpf -I"$ARCH_INC" -I"$dir" -c "$src" -o "$obj"
  echo "built $obj"
  built=$((built + 1))
done < <(find bpf test/watch/bpf fixtures/recorded/bpf -name '*.c' -print0 | sort -z)
echo "build-bpf: $built object(s) rebuilt"
