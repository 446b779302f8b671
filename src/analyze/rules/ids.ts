// Every rule id, in report order. Adding one here without a rule file, a docs page
// and a registry entry fails to compile (registry uses `satisfies Record<RuleId, Rule>`).
export const RULE_IDS = [
  'terminal-tcx',
  'legacy-ingress-qdisc',
  'terminal-at-pref-1',
  'terminal-before-agent',
  'agent-pref-collision',
  'agent-pref-refused',
  'unknown-verdict-before-agent',
  'narrow-protocol-terminal',
  'destructive-vendor',
  'agent-config-hazard',
  'agent-priority-mismatch',
  'tcx-not-visible',
  'nothing-audited',
  'bytecode-kb-mismatch',
  'pref-unknown',
  'terminal-after-agent',
  'passthrough-classifier',
  'not-ebpf-classifier',
] as const;
export type RuleId = (typeof RULE_IDS)[number];
