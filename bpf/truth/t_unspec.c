// Kernel-truth counting program: TC_ACT_UNSPEC (continue to the next filter).
// Returns the fixed value -1 on every packet; the kernel's run_cnt (bpf_stats) counts runs.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

SEC("tc")
int t_unspec(struct __sk_buff *skb)
{
	return -1;
}

char _license[] SEC("license") = "GPL";
