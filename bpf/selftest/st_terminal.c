// tc-audit self-test program: terminal in direct-action (TC_ACT_OK ends the walk).
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

SEC("tc")
int st_terminal(struct __sk_buff *skb)
{
	return 0;
}

char _license[] SEC("license") = "GPL";
