#!/usr/bin/env bash
# Gather every node's tc-audit bundle with kubectl, then run the fleet analysis.
#   scripts/collect-cluster.sh [-n NAMESPACE] [-m daemonset|job] [-o DIR] [-- analyze options]
# daemonset (default): exec `tc-audit collect -o -` in each DaemonSet pod (deploy/).
# job: run deploy/job-node.yaml once per node (no DaemonSet needed), read the pod log.
# Needs: kubectl with the tc-audit-collector Role (deploy/rbac-collector.yaml); tc-audit
# (or `npx tc-audit`) locally for the analysis.
set -euo pipefail

ns=tc-audit
mode=daemonset
out="tc-audit-bundles-$(date +%Y%m%d-%H%M%S)"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
while [[ $# -gt 0 ]]; do
  case "$1" in
    -n) ns="$2"; shift 2 ;;
    -m) mode="$2"; shift 2 ;;
    -o) out="$2"; shift 2 ;;
    --) shift; break ;;
    -h|--help) sed -n '2,8p' "$0"; exit 0 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done
mkdir -p "$out"
failed=0

# Node names are DNS-1123 labels/subdomains: safe as file names and in Job names.
collect_daemonset() {
  local pod node
  while read -r pod node; do
    [[ -n "$pod" ]] || continue
    echo "collecting $node (pod $pod)" >&2
    if ! kubectl -n "$ns" exec "$pod" -- tc-audit collect -q --node-name "$node" -o - > "$out/$node.json.tmp"; then
      echo "  failed: $node" >&2; failed=$((failed + 1)); rm -f "$out/$node.json.tmp"; continue
    fi
    mv "$out/$node.json.tmp" "$out/$node.json"
  done < <(kubectl -n "$ns" get pods -l app.kubernetes.io/name=tc-audit,app.kubernetes.io/component!=collect \
             --field-selector=status.phase=Running -o jsonpath='{range .items[*]}{.metadata.name} {.spec.nodeName}{"\n"}{end}')
}

collect_job() {
  local node job
  for node in $(kubectl get nodes -o jsonpath='{.items[*].metadata.name}'); do
    job="tc-audit-collect-$node"
    echo "collecting $node (job $job)" >&2
    sed "s/NODE_NAME_PLACEHOLDER/$node/g" "$here/../deploy/job-node.yaml" | kubectl -n "$ns" apply -f - >/dev/null
    if kubectl -n "$ns" wait --for=condition=complete --timeout=300s "job/$job" >/dev/null; then
      kubectl -n "$ns" logs "job/$job" > "$out/$node.json"
    else
      echo "  failed: $node (kubectl -n $ns describe job/$job)" >&2; failed=$((failed + 1))
    fi
    kubectl -n "$ns" delete job "$job" --wait=false >/dev/null || true
  done
}

case "$mode" in
  daemonset) collect_daemonset ;;
  job) collect_job ;;
  *) echo "mode must be daemonset or job" >&2; exit 2 ;;
esac

echo "bundles in $out ($failed node(s) failed)" >&2
tc_audit=(tc-audit)
command -v tc-audit >/dev/null || tc_audit=(npx --no-install tc-audit)
"${tc_audit[@]}" analyze "$out" "$@"
