#include "common.h"

/* bpf-to-bpf calls: the subprogram's own r0 flows back; r6-r9 survive the call. */
static __noinline int pick(struct __sk_buff *skb)
{
	if (skb->mark == 7)
		return TC_ACT_SHOT;
	return TC_ACT_UNSPEC;
}

static __noinline int ok_or_shot(struct __sk_buff *skb)
{
	if (skb->len > 1000)
		return TC_ACT_SHOT;
	return TC_ACT_OK;
}

/* {-1, 2} */
SEC("tc/subprog") int sub_pick(struct __sk_buff *skb) { return pick(skb); }

/* {0, 2}: one subprogram's result is kept in a callee-saved register across another call
 * (whose own result, {-1, 2}, only goes to the mark). */
SEC("tc/subprog_saved") int sub_saved(struct __sk_buff *skb)
{
	int a = ok_or_shot(skb);
	skb->mark = pick(skb);
	return a;
}

char _license[] SEC("license") = "GPL";
