// tc-audit self-test program: tcx TCX_NEXT (legacy filters still run).
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

SEC("tcx/ingress")
int st_tcx_next(struct __sk_buff *skb)
{
	return -1;
}

char _license[] SEC("license") = "GPL";
