// Helm values for the datadog chart: the chart renders
// datadog.securityAgent.runtime.network.enabled into runtime_security_config.network.enabled
// and has no priority value; a priority comes from agents.containers.systemProbe.env.
import { fromEnv, parseYaml, type Layer, type LayerError } from './layers.js';

export function fromHelmValues(text: string, file: string, errors: LayerError[]): Layer[] {
  const doc = parseYaml(text, file, errors);
  if (doc.errors.length > 0) return [];
  const chart: Layer = { from: 'helm-values', file, values: {}, raw: [] };
  const enabled = doc.getIn(['datadog', 'securityAgent', 'runtime', 'network', 'enabled']);
  if (typeof enabled === 'boolean') {
    chart.values.enabled = enabled;
    chart.raw.push({ key: 'datadog.securityAgent.runtime.network.enabled', value: String(enabled) });
  } else if (enabled !== undefined && enabled !== null) {
    errors.push({ file, line: null, message: `datadog.securityAgent.runtime.network.enabled: expected true or false, got ${JSON.stringify(enabled)}` });
  }
  const envList = doc.getIn(['agents', 'containers', 'systemProbe', 'env']);
  const env: Record<string, string> = {};
  const items = (envList as { toJSON?: () => unknown } | undefined)?.toJSON?.();
  if (Array.isArray(items)) {
    for (const item of items) {
      if (item && typeof item === 'object' && 'name' in item && 'value' in item) env[String(item.name)] = String(item.value);
    }
  }
  // Container env overrides what the chart renders into system-probe.yaml.
  return [chart, fromEnv(env, 'helm-values', file, errors)];
}
