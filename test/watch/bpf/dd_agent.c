// Stands in for the Datadog agent's classifier in watch tests: the kernel name
// `classifier_ingr` is what identifies the agent; it returns TC_ACT_UNSPEC like CWS.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

SEC("classifier/ingress")
int classifier_ingress(struct __sk_buff *skb)
{
	return -1;
}

char _license[] SEC("license") = "GPL";
