#include "common.h"

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __s32);
} verdict SEC(".maps");

/* unknown: the verdict is whatever user space stored in the map. */
SEC("tc/map") int from_map(struct __sk_buff *skb)
{
	__u32 k = 0;
	__s32 *v = bpf_map_lookup_elem(&verdict, &k);
	return v ? *v : TC_ACT_UNSPEC;
}

/* {-1, 0}: a map value only chooses between two constants. */
SEC("tc/map_choice") int map_choice(struct __sk_buff *skb)
{
	__u32 k = 0;
	__s32 *v = bpf_map_lookup_elem(&verdict, &k);
	return v && *v ? TC_ACT_OK : TC_ACT_UNSPEC;
}

char _license[] SEC("license") = "GPL";
