// Devices whose classifier qdisc is the legacy `ingress` one, not clsact. The agent cannot add
// clsact there (the kernel refuses it: EEXIST, and the agent's library then takes the qdisc as
// its own), and its egress filter, added to parent ffff:fff3, lands in that qdisc's one block:
// it runs on incoming packets and never on outgoing ones (seen in test/live/
// ingressQdiscTruth.test.ts). tc lists that same block under both `ingress` and `egress`, so
// the egress chain tc-audit shows there is the ingress one. The rule legacy-ingress-qdisc
// (src/analyze/rules/legacyIngressQdisc.ts) says what it means for the agent.

/** Names of the devices `tc -j qdisc show` lists with an `ingress` qdisc; null when the
 *  output is not that JSON. */
export function legacyIngressDevices(stdout: string): string[] | null {
  try {
    return legacyIngressIn(JSON.parse(stdout));
  } catch {
    return null;
  }
}

/** The same, from the parsed listing (a line of a tc -batch). */
export function legacyIngressIn(v: unknown): string[] | null {
  if (!Array.isArray(v)) return null;
  const out: string[] = [];
  for (const q of v) {
    if (q === null || typeof q !== 'object') continue;
    const { kind, dev } = q as { kind?: unknown; dev?: unknown };
    if (kind === 'ingress' && typeof dev === 'string' && !out.includes(dev)) out.push(dev);
  }
  return out;
}
