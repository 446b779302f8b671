// Kernel-truth counting program: tcx TCX_NEXT (legacy chain still runs).
// Returns the fixed value -1 on every packet; the kernel's run_cnt (bpf_stats) counts runs.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

SEC("tcx/ingress")
int t_tcx_next(struct __sk_buff *skb)
{
	return -1;
}

char _license[] SEC("license") = "GPL";
