#!/usr/bin/env bash
# Gather every node's tc-audit bundle with kubectl, then run the fleet analysis.
#   scripts/collect-cluster.sh [-n NAMESPACE] [-m daemonset|job] [-i IMAGE] [-o DIR] [-- analyze options]
# daemonset (default): exec `tc-audit collect -o -` in each DaemonSet pod (deploy/).
# job: run deploy/job-node.yaml once per node (no DaemonSet needed), read the pod log;
#      -i names the image you pushed from the Dockerfile (required in this mode).
# Exit: the analysis' own code (0, 1 findings, 2 nothing readable), or 3 when a node's
# bundle is missing: those nodes are named, and the answer covers the others only.
# Needs: kubectl with the tc-audit-collector Role (deploy/rbac-collector.yaml; job mode also
# lists nodes: the tc-audit-node-lister ClusterRole there); tc-audit (or npx) locally.
# Not `set -e`: one node's failure is counted and named, not the end of the run.
set -uo pipefail

ns=tc-audit
mode=daemonset
image=
out="tc-audit-bundles-$(date +%Y%m%d-%H%M%S)"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
while [[ $# -gt 0 ]]; do
  case "$1" in
    -n) ns="$2"; shift 2 ;;
    -m) mode="$2"; shift 2 ;;
    -i) image="$2"; shift 2 ;;
    -o) out="$2"; shift 2 ;;
    --) shift; break ;;
    -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
    *) echo "unknown option: $1 (see --help)" >&2; exit 2 ;;
  esac
done
die() { echo "collect-cluster: $*" >&2; exit 2; }
case "$mode" in daemonset|job) ;; *) die "mode must be daemonset or job" ;; esac
[[ "$mode" != job || -n "$image" ]] || die "job mode needs -i IMAGE (the tc-audit image you pushed from the Dockerfile)"
# A directory of an earlier run would mix its bundles (of nodes that fail now) into this one.
if [[ -d "$out" ]] && compgen -G "$out/*.json" >/dev/null; then die "$out already holds bundles; give a new -o DIR"; fi
mkdir -p "$out" || die "cannot create $out"

missing=()
miss() { echo "  missing: $1 ($2)" >&2; missing+=("$1"); }

# A bundle is kept only whole: written aside, moved into place when the command succeeded
# and wrote one complete JSON document (an interrupted exec, or a pod log the kubelet rotated
# part of, leaves no half bundle to be read as one). Node is there: tc-audit needs it.
why_not_kept=
keep() { # keep NODE TMPFILE: 0 when kept, else why_not_kept says why
  if [[ ! -s "$2" ]]; then why_not_kept="nothing written"; rm -f "$2"; return 1; fi
  if ! node -e 'JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"))' "$2" 2>/dev/null; then
    why_not_kept="incomplete bundle ($(wc -c <"$2") bytes, not one JSON document)"
    rm -f "$2"; return 1
  fi
  mv "$2" "$out/$1.json"
}

collect_daemonset() {
  local listing desired pod node phase seen=0
  listing=$(kubectl -n "$ns" get pods -l app.kubernetes.io/name=tc-audit,app.kubernetes.io/component!=collect \
      -o jsonpath='{range .items[*]}{.metadata.name} {.spec.nodeName} {.status.phase}{"\n"}{end}') ||
    die "cannot list the tc-audit pods in namespace $ns"
  desired=$(kubectl -n "$ns" get daemonset tc-audit -o jsonpath='{.status.desiredNumberScheduled}') ||
    die "cannot read daemonset tc-audit in namespace $ns"
  while read -r pod node phase; do
    [[ -n "$pod" ]] || continue
    seen=$((seen + 1))
    if [[ "$phase" != Running ]]; then miss "${node:-$pod}" "pod $pod is ${phase:-not scheduled}"; continue; fi
    echo "collecting $node (pod $pod)" >&2
    why_not_kept="collect failed"
    if kubectl -n "$ns" exec "$pod" -- tc-audit collect -q --node-name "$node" -o - > "$out/$node.json.tmp" &&
       keep "$node" "$out/$node.json.tmp"; then continue; fi
    rm -f "$out/$node.json.tmp"
    miss "$node" "collect in pod $pod: $why_not_kept"
  done <<<"$listing"
  # Nodes the DaemonSet should run on but has no pod for yet.
  if [[ "$desired" =~ ^[0-9]+$ ]] && ((desired > seen)); then
    miss "$((desired - seen)) node(s) without a pod" "daemonset tc-audit wants $desired, $seen exist"
  fi
}

# complete | failed | timed out, polled (a Job that fails never becomes complete).
job_state() {
  local i s f
  for ((i = 0; i < 150; i++)); do
    s=$(kubectl -n "$ns" get job "$1" -o jsonpath='{.status.succeeded}' 2>/dev/null)
    f=$(kubectl -n "$ns" get job "$1" -o jsonpath='{.status.failed}' 2>/dev/null)
    if [[ "${s:-0}" =~ ^[1-9] ]]; then echo complete; return; fi
    if [[ "${f:-0}" =~ ^[1-9] ]]; then echo failed; return; fi
    sleep 2
  done
  echo "timed out"
}

collect_job() {
  local nodes node job state
  nodes=$(kubectl get nodes -o jsonpath='{range .items[*]}{.metadata.name}{"\n"}{end}') ||
    die "cannot list nodes (job mode needs the tc-audit-node-lister ClusterRole, deploy/rbac-collector.yaml)"
  while read -r node; do
    [[ -n "$node" ]] || continue
    # A Job name is at most 63 characters; node names can be longer (EKS, GKE).
    job="tc-audit-collect-$(printf %s "$node" | sha256sum | cut -c1-12)"
    echo "collecting $node (job $job)" >&2
    kubectl -n "$ns" delete job "$job" --ignore-not-found --wait=true >/dev/null 2>&1
    if ! sed -e "s|JOB_NAME_PLACEHOLDER|$job|g" -e "s|NODE_NAME_PLACEHOLDER|$node|g" \
             -e "s|^  namespace: tc-audit\$|  namespace: $ns|" -e "s|image: tc-audit\$|image: $image|" \
             "$here/../deploy/job-node.yaml" | kubectl -n "$ns" create -f - >/dev/null; then
      miss "$node" "cannot create job $job"; continue
    fi
    state=$(job_state "$job")
    why_not_kept=
    if [[ "$state" == complete ]] && kubectl -n "$ns" logs "job/$job" > "$out/$node.json.tmp" && keep "$node" "$out/$node.json.tmp"; then
      kubectl -n "$ns" delete job "$job" --wait=false >/dev/null 2>&1
      continue
    fi
    rm -f "$out/$node.json.tmp"
    # Left in place to look at (ttlSecondsAfterFinished removes it). A log cut short is most
    # likely the kubelet's log rotation (containerLogMaxSize, 10Mi by default): the exec of
    # daemonset mode streams the bundle instead.
    if [[ -n "$why_not_kept" ]]; then
      miss "$node" "job $job: $why_not_kept from its log; a log over the kubelet's containerLogMaxSize (10Mi by default) is rotated: use -m daemonset for this node"
    else
      miss "$node" "job $job: $state; kubectl -n $ns describe job/$job"
    fi
  done <<<"$nodes"
}

"collect_$mode"

echo "bundles in $out (${#missing[@]} missing)" >&2
tc_audit=(tc-audit)
command -v tc-audit >/dev/null || tc_audit=(npx --no-install tc-audit)
"${tc_audit[@]}" analyze "$out" "$@"
code=$?
if ((${#missing[@]} > 0)); then
  echo "collect-cluster: no bundle from: ${missing[*]}; the answer above covers the other nodes only" >&2
  exit 3
fi
exit "$code"
