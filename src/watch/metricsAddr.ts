// `--metrics-addr` read apart from the server (src/cli/watchMetrics.ts loads prom-client), so
// the command line can refuse a bad address before anything starts.

export interface MetricsAddr {
  /** undefined: every address (":9464"). */
  host: string | undefined;
  port: number;
}

/** "127.0.0.1:9464", "[::1]:9464" or ":9464" (all addresses); port 0 asks for any free
 *  one. A string says what is wrong. */
export function parseMetricsAddr(addr: string): MetricsAddr | string {
  const m = /^(?:\[([^\]]+)\]|([^:]*)):(\d{1,5})$/.exec(addr);
  if (m === null) return `--metrics-addr ${addr}: expected HOST:PORT (e.g. 127.0.0.1:9464, [::1]:9464 or :9464)`;
  const port = Number(m[3]);
  if (port > 65535) return `--metrics-addr ${addr}: port ${port} is above 65535`;
  return { host: m[1] ?? (m[2] || undefined), port };
}
