/* The agent's network classifiers: TC_ACT_UNSPEC, the walk continues. */
#include "vendor.h"
VERDICT_PROG("classifier/ingress", classifier_ingress, TC_ACT_UNSPEC)
VERDICT_PROG("classifier/egress", classifier_egress, TC_ACT_UNSPEC)
char _license[] SEC("license") = "GPL";
