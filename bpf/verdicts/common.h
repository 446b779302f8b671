/* Shared includes for the verdict test programs: each program's comment names the set of
 * values its r0 can hold at exit, which test/analyze/bytecode/live.test.ts checks. */
#include <linux/bpf.h>
#include <linux/pkt_cls.h>
#include <bpf/bpf_helpers.h>

#ifndef __noinline
#define __noinline __attribute__((noinline))
#endif
