/* An unidentified classifier whose verdict depends on the packet: OK for large frames,
 * UNSPEC otherwise. No name the knowledge base knows; only its bytecode can tell. */
#include "vendor.h"
SEC("tc") int mystery_filter(struct __sk_buff *skb)
{
	return skb->len > 1000 ? TC_ACT_OK : TC_ACT_UNSPEC;
}
char _license[] SEC("license") = "GPL";
