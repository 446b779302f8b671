// bpf_throw (a kfunc, kernel >= 6.7): a packet longer than 10 bytes ends the program through
// the exception callback, which by default returns the cookie, 0 = TC_ACT_OK; a shorter one
// reaches `return TC_ACT_UNSPEC`. Kernel truth for tc-audit's reading of kfunc calls.
#include <linux/bpf.h>
#include <linux/pkt_cls.h>
#include <bpf/bpf_helpers.h>

extern void bpf_throw(__u64 cookie) __ksym;

SEC("tc")
int t_throw(struct __sk_buff *skb)
{
	if (skb->len > 10)
		bpf_throw(0);
	return TC_ACT_UNSPEC;
}

char LICENSE[] SEC("license") = "GPL";
