// Kernel-truth counting program: TC_ACT_PIPE (direct-action maps it to UNSPEC: continue).
// Returns the fixed value 3 on every packet; the kernel's run_cnt (bpf_stats) counts runs.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

SEC("tc")
int t_pipe(struct __sk_buff *skb)
{
	return 3;
}

char _license[] SEC("license") = "GPL";
