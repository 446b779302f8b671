// Kernel-truth counting program: TC_ACT_OK (ends the walk in direct-action).
// Returns the fixed value 0 on every packet; the kernel's run_cnt (bpf_stats) counts runs.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

SEC("tc")
int t_ok(struct __sk_buff *skb)
{
	return 0;
}

char _license[] SEC("license") = "GPL";
