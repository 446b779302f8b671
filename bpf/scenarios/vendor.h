/* Stand-ins for vendors' classifiers: same program and section names as the real ones
 * (knowledge base: src/analyze/vendors/kb), fixed verdicts. Used to record scenario
 * fixtures with the real tc and bpftool; they never touch the packet. */
#include <linux/bpf.h>
#include <linux/pkt_cls.h>
#include <bpf/bpf_helpers.h>

#define VERDICT_PROG(sec, fn, verdict) \
	SEC(sec) int fn(struct __sk_buff *skb) { return verdict; }
