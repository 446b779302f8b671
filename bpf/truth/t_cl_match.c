// Kernel-truth counting program: classic mode, -1 = match with the configured classid (no actions: ends).
// Returns the fixed value -1 on every packet; the kernel's run_cnt (bpf_stats) counts runs.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

SEC("classifier")
int t_cl_match(struct __sk_buff *skb)
{
	return -1;
}

char _license[] SEC("license") = "GPL";
