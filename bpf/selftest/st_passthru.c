// tc-audit self-test program: pass-through (TC_ACT_UNSPEC: the walk continues).
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

SEC("tc")
int st_passthru(struct __sk_buff *skb)
{
	return -1;
}

char _license[] SEC("license") = "GPL";
