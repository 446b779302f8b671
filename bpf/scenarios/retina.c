/* Retina packetparser since v0.0.8: TC_ACT_UNSPEC. */
#include "vendor.h"
VERDICT_PROG("classifier_endpoint_ingress", endpoint_ingress_filter, TC_ACT_UNSPEC)
VERDICT_PROG("classifier_endpoint_egress", endpoint_egress_filter, TC_ACT_UNSPEC)
char _license[] SEC("license") = "GPL";
