// Optional Prometheus endpoint (--metrics-addr host:port; off by default).
import { createServer, type Server } from 'node:http';
import { Counter, Gauge, Registry } from 'prom-client';
import type { AuditResult } from '../model/result.js';

export class WatchMetrics {
  readonly registry = new Registry();
  readonly events = new Counter({ name: 'tc_audit_watch_events_total', help: 'Events seen, by type', labelNames: ['type'], registers: [this.registry] });
  private readonly findings = new Gauge({ name: 'tc_audit_findings', help: 'Current findings by rule and severity', labelNames: ['rule', 'severity'], registers: [this.registry] });
  private readonly hooks = new Gauge({ name: 'tc_audit_hooks_audited', help: 'Hooks in the last audit', registers: [this.registry] });
  private readonly lastAudit = new Gauge({ name: 'tc_audit_last_audit_timestamp_seconds', help: 'Unix time of the last audit', registers: [this.registry] });
  private server: Server | null = null;

  observe(result: AuditResult): void {
    this.findings.reset();
    for (const f of result.findings) this.findings.inc({ rule: f.ruleId, severity: f.severity });
    this.hooks.set(result.analysis.nodes.reduce((s, n) => s + n.hooks.length, 0));
    this.lastAudit.set(Date.now() / 1000);
  }

  /** "127.0.0.1:9464", "[::1]:9464" or ":9464" (all addresses). */
  async listen(addr: string): Promise<string> {
    const m = /^(?:\[([^\]]+)\]|([^:]*)):(\d+)$/.exec(addr);
    if (!m) throw new Error(`--metrics-addr ${addr}: expected HOST:PORT (e.g. 127.0.0.1:9464)`);
    const host = m[1] ?? (m[2] || undefined);
    this.server = createServer((req, res) => {
      if (req.url !== '/metrics') {
        res.writeHead(404).end();
        return;
      }
      void this.registry.metrics().then((body) => res.writeHead(200, { 'content-type': this.registry.contentType }).end(body));
    });
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject).listen(Number(m[3]), host, () => resolve());
    });
    const a = this.server.address();
    return typeof a === 'object' && a ? `${a.address}:${a.port}` : addr;
  }

  async close(): Promise<void> {
    const s = this.server;
    if (!s) return;
    s.closeAllConnections?.();
    await new Promise<void>((r) => s.close(() => r()));
  }
}
