#include "common.h"

/* {7}: flags 0 are valid, so bpf_redirect cannot fail with SHOT. */
SEC("tc/redirect") int redir(struct __sk_buff *skb) { return bpf_redirect(1, 0); }

/* {2, 7}: flags come from the packet, so SHOT (bad flags) is possible. */
SEC("tc/redirect_flags") int redir_flags(struct __sk_buff *skb) { return bpf_redirect(1, skb->mark); }

/* {7} */
SEC("tc/redirect_peer") int redir_peer(struct __sk_buff *skb) { return bpf_redirect_peer(1, 0); }

/* {7} */
SEC("tc/redirect_neigh") int redir_neigh(struct __sk_buff *skb) { return bpf_redirect_neigh(1, 0, 0, 0); }

/* {-1}: the clone is sent, the original continues. */
SEC("tc/clone") int clone(struct __sk_buff *skb)
{
	bpf_clone_redirect(skb, 1, 0);
	return TC_ACT_UNSPEC;
}

/* unknown: the helper's error code is returned as is. */
SEC("tc/clone_ret") int clone_ret(struct __sk_buff *skb) { return bpf_clone_redirect(skb, 1, 0); }

char _license[] SEC("license") = "GPL";
