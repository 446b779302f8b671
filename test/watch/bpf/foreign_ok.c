// A foreign terminal classifier for watch tests: named like Cilium's (`cil_`), returns
// TC_ACT_OK, which ends the walk in direct-action mode.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

SEC("tc")
int cil_from_container(struct __sk_buff *skb)
{
	return 0;
}

char _license[] SEC("license") = "GPL";
