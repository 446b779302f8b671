// Helm values for the datadog chart, read as the chart renders them for system-probe:
// - templates/system-probe-configmap.yaml always writes
//   runtime_security_config.network.enabled (datadog.securityAgent.runtime.network.enabled,
//   default true) into system-probe.yaml, and that key wins over the environment
//   (layers.ts RANK): with the chart, DD_*_NETWORK_ENABLED changes nothing;
// - the chart has no priority value; the system-probe container's env is datadog.env, then
//   datadog.envDict (templates/_helpers.tpl containers-common-env), then
//   agents.containers.systemProbe.env (_container-system-probe.yaml), and Kubernetes keeps
//   the last of a repeated name;
// - additional-env-entries writes `value:` only when the value is truthy in Go templates:
//   an unquoted false, 0 or empty value becomes an empty variable, which the agent ignores.
import { fromEnv, parseYaml, RANK, type Layer, type LayerError } from './layers.js';
import { agentBool } from './goValues.js';

const CHART_KEY = 'datadog.securityAgent.runtime.network.enabled';
/** The chart's default for CHART_KEY (charts/datadog/values.yaml). */
const CHART_DEFAULT_ENABLED = true;

const goTruthy = (v: unknown): boolean =>
  !(v === null || v === undefined || v === false || v === 0 || v === '' || (Array.isArray(v) && v.length === 0) || (typeof v === 'object' && Object.keys(v as object).length === 0));

/** Go's %v of a scalar, as `quote` renders it. */
const rendered = (v: unknown): string => (typeof v === 'string' ? v : String(v));

/** Values the chart does not read, which would otherwise be ignored without a word: network
 *  settings other than enabled under datadog.securityAgent.runtime.network (the chart has
 *  none), an env list written as a map, a system-probe.yaml given as Helm values. */
function helmMisplaced(values: object, at: (...path: string[]) => unknown, file: string, errors: LayerError[]): void {
  if (Array.isArray(values)) {
    errors.push({ file, line: null, message: 'the file holds a YAML list at the top; Helm values are a mapping (datadog:, agents: ...)' });
    return;
  }
  const net = at('datadog', 'securityAgent', 'runtime', 'network');
  if (net !== null && typeof net === 'object' && !Array.isArray(net)) {
    for (const k of Object.keys(net)) {
      if (k === 'enabled') continue;
      errors.push({ file, line: null, message: `datadog.securityAgent.runtime.network.${k}: the chart has no such value and ignores it; set the agent's setting on the system-probe container instead (agents.containers.systemProbe.env, e.g. DD_RUNTIME_SECURITY_CONFIG_NETWORK_${k.toUpperCase()})` });
    }
  }
  for (const [where, v] of [['datadog.env', at('datadog', 'env')], ['agents.containers.systemProbe.env', at('agents', 'containers', 'systemProbe', 'env')]] as const) {
    if (v !== undefined && v !== null && !Array.isArray(v)) {
      errors.push({ file, line: null, message: `${where}: the chart takes a list of {name, value} entries, not ${typeof v === 'object' ? 'a map' : 'a single value'}; it ignores this one (datadog.envDict is the map form, for the agents' common env)` });
    }
  }
  if (Object.keys(values).some((k) => /^(runtime_security_config|event_monitoring_config)(\.|$)/.test(k))) {
    errors.push({ file, line: null, message: 'this looks like system-probe.yaml (runtime_security_config:), which the chart does not read as values: give the file with --agent-config' });
  }
}

export function fromHelmValues(text: string, file: string, errors: LayerError[]): Layer[] {
  const doc = parseYaml(text, file, errors);
  let values: Record<string, unknown> | null = null;
  try {
    values = (doc.errors.length > 0 ? null : doc.toJS({ maxAliasCount: 1000 })) as Record<string, unknown> | null;
  } catch (e) {
    // Alias expansion beyond the bound (a resource-exhaustion file): unreadable as values.
    errors.push({ file, line: null, message: `YAML: ${(e as Error).message.split('\n')[0]}` });
    return [];
  }
  const at = (...path: string[]): unknown => path.reduce<unknown>((o, k) => (o !== null && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), values);
  const chart: Layer = { from: 'helm-values', file, rank: RANK.rsFile, raw: [] };
  const given = at('datadog', 'securityAgent', 'runtime', 'network', 'enabled');
  if (doc.errors.length === 0) {
    const set = given !== undefined && given !== null;
    const r = agentBool(set ? (typeof given === 'object' ? given : rendered(given)) : CHART_DEFAULT_ENABLED);
    if (r.problem !== null) errors.push({ file, line: null, message: `${CHART_KEY}: ${r.problem}` });
    chart.raw.push({ key: set ? CHART_KEY : `${CHART_KEY} (chart default)`, value: set ? rendered(given) : String(CHART_DEFAULT_ENABLED), setting: 'enabled', parsed: r.value });
  }
  const env: Record<string, string> = {};
  const fromList = (list: unknown, where: string): void => {
    if (!Array.isArray(list)) return;
    for (const item of list) {
      if (item === null || typeof item !== 'object' || !('name' in item)) continue;
      const name = String((item as { name: unknown }).name);
      const value = (item as { value?: unknown }).value;
      if (goTruthy(value)) {
        env[name] = rendered(value);
      } else {
        // Rendered as valueFrom: a reference tc-audit cannot follow, or nothing at all.
        delete env[name];
        if (!name.includes('_NETWORK_')) continue;
        const from = (item as { valueFrom?: unknown }).valueFrom;
        errors.push({ file, line: null, message: from ? `${where}: ${name} comes from valueFrom, which tc-audit cannot read; pass its value with --agent-env ${name}=VALUE` : `${where}: ${name} has the value ${JSON.stringify(value ?? null)}, which the chart renders as an empty variable that the agent ignores; quote it ("${rendered(value ?? '')}")` });
      }
    }
  };
  if (values !== null) helmMisplaced(values, at, file, errors);
  fromList(at('datadog', 'env'), 'datadog.env');
  const dict = at('datadog', 'envDict');
  if (dict !== null && typeof dict === 'object' && !Array.isArray(dict)) {
    for (const [name, value] of Object.entries(dict)) {
      if (value !== null && typeof value === 'object') {
        delete env[name];
        if (name.includes('_NETWORK_')) errors.push({ file, line: null, message: `datadog.envDict: ${name} is set from a reference tc-audit cannot read; pass its value with --agent-env ${name}=VALUE` });
      } else env[name] = rendered(value);
    }
  }
  fromList(at('agents', 'containers', 'systemProbe', 'env'), 'agents.containers.systemProbe.env');
  return [chart, fromEnv(env, 'helm-values', file, errors)];
}
