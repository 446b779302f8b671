/* Cilium >= 1.16 with tcx: attached at the tail of the tcx chain, returns TCX_PASS (0, spelled TC_ACT_OK so bookworm's 6.1 headers build it). */
#include "vendor.h"
VERDICT_PROG("tcx/ingress", cil_from_container, TC_ACT_OK)
char _license[] SEC("license") = "GPL";
