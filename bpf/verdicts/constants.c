#include "common.h"

/* One constant return per section: {0}, {-1}, {2}, {3}, {1}, {7}. */
SEC("tc/ok") int ret_ok(struct __sk_buff *skb) { return TC_ACT_OK; }
SEC("tc/unspec") int ret_unspec(struct __sk_buff *skb) { return TC_ACT_UNSPEC; }
SEC("tc/shot") int ret_shot(struct __sk_buff *skb) { return TC_ACT_SHOT; }
SEC("tc/pipe") int ret_pipe(struct __sk_buff *skb) { return TC_ACT_PIPE; }
SEC("tc/reclassify") int ret_reclassify(struct __sk_buff *skb) { return TC_ACT_RECLASSIFY; }
SEC("tc/redirect") int ret_redirect(struct __sk_buff *skb) { return TC_ACT_REDIRECT; }

char _license[] SEC("license") = "GPL";
