// Optional Prometheus endpoint (--metrics-addr host:port; off by default).
import { createServer, type Server } from 'node:http';
import { Counter, Gauge, Registry } from 'prom-client';
import type { AuditResult } from '../model/result.js';
import type { MetricsAddr } from '../watch/metricsAddr.js';

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

  /** Serves /metrics at `addr` (src/watch/metricsAddr.ts) and says where, or rejects with
   *  the server's error (address in use, not permitted, not on this host). */
  async listen(addr: MetricsAddr): Promise<string> {
    this.server = createServer((req, res) => {
      if (req.url !== '/metrics') {
        res.writeHead(404).end();
        return;
      }
      void this.registry.metrics().then((body) => res.writeHead(200, { 'content-type': this.registry.contentType }).end(body));
    });
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject).listen(addr.port, addr.host, () => resolve());
    });
    const a = this.server.address();
    return typeof a === 'object' && a ? `${a.family === 'IPv6' ? `[${a.address}]` : a.address}:${a.port}` : `${addr.host ?? ''}:${addr.port}`;
  }

  async close(): Promise<void> {
    const s = this.server;
    if (!s) return;
    s.closeAllConnections?.();
    await new Promise<void>((r) => s.close(() => r()));
  }
}
