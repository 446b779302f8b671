#include "common.h"

/* {0, 2}: clang typically turns this into a compare that materialises 0/1 and a shift. */
SEC("tc/shift") int cond_shift(struct __sk_buff *skb)
{
	return skb->len > 100 ? TC_ACT_SHOT : TC_ACT_OK;
}

/* {-1, 0}: UNSPEC or OK depending on the mark. */
SEC("tc/select") int cond_select(struct __sk_buff *skb)
{
	return skb->mark & 1 ? TC_ACT_OK : TC_ACT_UNSPEC;
}

/* {-1, 0, 2, 3, 7}: a switch on a packet field; clang emits compare-and-jump chains. */
SEC("tc/switch") int cond_switch(struct __sk_buff *skb)
{
	switch (skb->priority) {
	case 1: return TC_ACT_OK;
	case 2: return TC_ACT_SHOT;
	case 3: return TC_ACT_PIPE;
	case 4: return TC_ACT_OK;
	case 9: return TC_ACT_REDIRECT;
	default: return TC_ACT_UNSPEC;
	}
}

/* {-1}: a dense switch whose every arm returns UNSPEC except via a bounded computation. */
SEC("tc/arith") int cond_arith(struct __sk_buff *skb)
{
	int v = skb->len & 3; /* 0..3 */
	return v * 2 - 1;     /* {-1, 1, 3, 5} */
}

char _license[] SEC("license") = "GPL";
