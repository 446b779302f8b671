// `tc qdisc show` text, as docs/capture.sh records it per namespace: which devices hold the
// legacy ingress qdisc instead of clsact (rule legacy-ingress-qdisc). One line per qdisc:
//   qdisc ingress ffff: dev v0 parent ffff:fff1 ----------------
//   qdisc clsact ffff: dev v1 parent ffff:fff1
// (Device names hold no whitespace: the kernel refuses it.)
const INGRESS = /^qdisc ingress \S+ dev (\S+)/;

/** The devices listed with an ingress qdisc, in listing order, each once. */
export function legacyIngressFromText(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split('\n')) {
    const m = INGRESS.exec(line.trim());
    if (m !== null && !out.includes(m[1]!)) out.push(m[1]!);
  }
  return out;
}
