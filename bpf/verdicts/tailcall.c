#include "common.h"

struct {
	__uint(type, BPF_MAP_TYPE_PROG_ARRAY);
	__uint(max_entries, 4);
	__type(key, __u32);
	__type(value, __u32);
} jt SEC(".maps");

/* With jt empty: {-1} (the tail call falls through). With jt[0] = tc_target_ok: {-1, 0}
 * (the fall-through stays possible: the slot may be emptied or the call limit hit). */
SEC("tc/tail") int tail_entry(struct __sk_buff *skb)
{
	bpf_tail_call(skb, &jt, 0);
	return TC_ACT_UNSPEC;
}

/* Tail call with a key from the packet: every filled slot may run. */
SEC("tc/tail_any") int tail_any(struct __sk_buff *skb)
{
	bpf_tail_call(skb, &jt, skb->mark & 3);
	return TC_ACT_SHOT;
}

SEC("tc/target_ok") int target_ok(struct __sk_buff *skb) { return TC_ACT_OK; }
SEC("tc/target_redirect") int target_redirect(struct __sk_buff *skb) { return TC_ACT_REDIRECT; }

char _license[] SEC("license") = "GPL";
