/* Cilium before its Go loader: `tc filter replace … obj bpf_lxc.o sec from-container`.
 * Cilium returns TC_ACT_OK (or REDIRECT/SHOT): it ends the walk. */
#include "vendor.h"
VERDICT_PROG("from-container", cil_from_container, TC_ACT_OK)
VERDICT_PROG("to-container", cil_to_container, TC_ACT_OK)
char _license[] SEC("license") = "GPL";
