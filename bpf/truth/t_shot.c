// Kernel-truth counting program: TC_ACT_SHOT (drop, ends the walk).
// Returns the fixed value 2 on every packet; the kernel's run_cnt (bpf_stats) counts runs.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

SEC("tc")
int t_shot(struct __sk_buff *skb)
{
	return 2;
}

char _license[] SEC("license") = "GPL";
