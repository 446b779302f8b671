/* Load-time configuration in a read-only global, as Cilium >= 1.16 and libbpf skeletons set
 * it: config_off.c and config_on.c differ only in its value. Their code is the same, so the
 * kernel gives both one tag (it hashes instructions with map references zeroed), while the
 * verifier folds the frozen value and each returns its own code. */
#include "common.h"

volatile const __u32 mode = MODE;

SEC("tc") int cfg_entry(struct __sk_buff *skb)
{
	if (mode)
		return TC_ACT_OK;
	return TC_ACT_UNSPEC;
}

char _license[] SEC("license") = "GPL";
