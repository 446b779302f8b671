// Kernel-truth counting program: classic mode, 0 = no match (continue).
// Returns the fixed value 0 on every packet; the kernel's run_cnt (bpf_stats) counts runs.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

SEC("classifier")
int t_cl_nomatch(struct __sk_buff *skb)
{
	return 0;
}

char _license[] SEC("license") = "GPL";
