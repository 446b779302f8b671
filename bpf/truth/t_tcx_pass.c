// Kernel-truth counting program: tcx TCX_PASS (ends the hook: legacy tc never runs).
// Returns the fixed value 0 on every packet; the kernel's run_cnt (bpf_stats) counts runs.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

SEC("tcx/ingress")
int t_tcx_pass(struct __sk_buff *skb)
{
	return 0;
}

char _license[] SEC("license") = "GPL";
