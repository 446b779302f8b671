/* AWS network policy agent: BPF_OK (TC_ACT_OK) after its policy decision. */
#include "vendor.h"
VERDICT_PROG("tc_cls", handle_ingress, TC_ACT_OK)
VERDICT_PROG("tc_cls_egress", handle_egress, TC_ACT_OK)
char _license[] SEC("license") = "GPL";
