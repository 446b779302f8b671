// Kernel-truth tcx program: returns TC_ACT_PIPE (3), neither TCX_NEXT (-1) nor PASS, DROP or
// REDIRECT. net/core/dev.c tcx_run stops the tcx chain at any value other than -1, then
// reads 3 as NEXT: the tcx programs after this one never run, the legacy filters do.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

SEC("tcx/ingress")
int t_tcx_stop(struct __sk_buff *skb)
{
	return 3;
}

char _license[] SEC("license") = "GPL";
