#include "common.h"

/* {-1, 0}: a bounded loop whose exit value depends on data; needs a fixpoint. */
SEC("tc/loop") int loop_scan(struct __sk_buff *skb)
{
	int found = 0;
	for (int i = 0; i < 16; i++) {
		if (((skb->hash >> i) & 1) && skb->mark == (__u32)i)
			found = 1;
	}
	return found ? TC_ACT_OK : TC_ACT_UNSPEC;
}

/* {2}: a loop that counts, then a constant verdict independent of the count. */
SEC("tc/loop_const") int loop_const(struct __sk_buff *skb)
{
	volatile int acc = 0;
	for (int i = 0; i < 8; i++)
		acc += i;
	return acc >= 0 ? TC_ACT_SHOT : TC_ACT_SHOT;
}

char _license[] SEC("license") = "GPL";
