// Reading the agent's network settings out of each place they can be set. Pure: callers
// pass file text or an environment map. Precedence is applied in resolve.ts.
import { yaml } from '../lazy.js';
import type { SettingSource } from './types.js';

export interface NetworkValues {
  enabled?: boolean;
  priority?: number;
  handle?: number;
  ingress?: boolean;
  rawPacket?: boolean;
}

export interface Layer {
  from: SettingSource;
  file: string | null;
  values: NetworkValues;
  /** key -> raw value as written, for the report's trace. */
  raw: Array<{ key: string; value: string }>;
}

export interface LayerError {
  file: string;
  line: number | null;
  message: string;
}

const KEYS = {
  enabled: ['enabled'],
  priority: ['classifier_priority'],
  handle: ['classifier_handle'],
  ingress: ['ingress', 'enabled'],
  rawPacket: ['raw_packet', 'enabled'],
} as const satisfies Record<keyof NetworkValues, readonly string[]>;

const ENV_SUFFIX = {
  enabled: 'ENABLED',
  priority: 'CLASSIFIER_PRIORITY',
  handle: 'CLASSIFIER_HANDLE',
  ingress: 'INGRESS_ENABLED',
  rawPacket: 'RAW_PACKET_ENABLED',
} as const satisfies Record<keyof NetworkValues, string>;

const NUMERIC = new Set<keyof NetworkValues>(['priority', 'handle']);

function coerce(key: keyof NetworkValues, v: unknown): boolean | number | undefined {
  if (NUMERIC.has(key)) {
    const n = typeof v === 'number' ? v : typeof v === 'string' && /^\s*(0x[0-9a-f]+|\d+)\s*$/i.test(v) ? Number(v.trim()) : NaN;
    return Number.isInteger(n) && n >= 0 && n <= 0xffff ? n : undefined;
  }
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string' && /^(true|1|yes)$/i.test(v.trim())) return true;
  if (typeof v === 'string' && /^(false|0|no)$/i.test(v.trim())) return false;
  return undefined;
}

function setValue(layer: Layer, key: keyof NetworkValues, raw: unknown, label: string, errors: LayerError[], file: string, line: number | null): void {
  if (raw === undefined || raw === null) return;
  const v = coerce(key, raw);
  if (v === undefined) {
    errors.push({ file, line, message: `${label}: expected ${NUMERIC.has(key) ? 'an integer 0..65535' : 'true or false'}, got ${JSON.stringify(raw)}` });
    return;
  }
  (layer.values as Record<string, unknown>)[key] = v;
  layer.raw.push({ key: label, value: String(raw) });
}

/** A YAML document, its syntax errors added to `errors` with their lines. (yaml gives an
 *  error's line only through a LineCounter or in pretty messages, which would repeat the
 *  place after file:line, so without one every YAML error was reported with no line.) */
export function parseYaml(text: string, file: string, errors: LayerError[]): ReturnType<ReturnType<typeof yaml>['parseDocument']> {
  const lines = new (yaml().LineCounter)();
  const doc = yaml().parseDocument(text, { prettyErrors: false, lineCounter: lines });
  for (const e of doc.errors) {
    // The library's own words for a second `---` name its API; say what the file holds.
    const message = e.code === 'MULTIPLE_DOCS' ? 'the file holds more than one YAML document (a second `---`); a settings file holds one: keep only that one' : e.message.split('\n')[0];
    errors.push({ file, line: lines.linePos(e.pos[0]).line, message: `YAML: ${message}` });
  }
  return doc;
}

/** `runtime_security_config.network.*` wins over `event_monitoring_config.network.*`
 *  (the agent checks the deprecated alias first when it is set). */
export function fromSystemProbeYaml(text: string, file: string, errors: LayerError[], from: SettingSource = 'system-probe.yaml'): Layer {
  const layer: Layer = { from, file, values: {}, raw: [] };
  const doc = parseYaml(text, file, errors);
  if (doc.errors.length > 0) return layer;
  const lineOf = (path: string[]): number | null => {
    const node = doc.getIn(path, true) as { range?: [number, number, number] } | undefined;
    if (!node?.range) return null;
    return text.slice(0, node.range[0]).split('\n').length;
  };
  for (const root of ['event_monitoring_config', 'runtime_security_config']) {
    for (const key of Object.keys(KEYS) as Array<keyof NetworkValues>) {
      const path = [root, 'network', ...KEYS[key]];
      setValue(layer, key, doc.getIn(path), path.join('.'), errors, file, lineOf(path));
    }
  }
  return layer;
}

/** DD_RUNTIME_SECURITY_CONFIG_NETWORK_* beats DD_EVENT_MONITORING_CONFIG_NETWORK_*. */
export function fromEnv(env: Readonly<Record<string, string | undefined>>, from: SettingSource, file: string | null, errors: LayerError[]): Layer {
  const layer: Layer = { from, file, values: {}, raw: [] };
  for (const prefix of ['DD_EVENT_MONITORING_CONFIG_NETWORK_', 'DD_RUNTIME_SECURITY_CONFIG_NETWORK_']) {
    for (const key of Object.keys(ENV_SUFFIX) as Array<keyof NetworkValues>) {
      const name = prefix + ENV_SUFFIX[key];
      setValue(layer, key, env[name], name, errors, file ?? 'environment', null);
    }
  }
  return layer;
}

export { KEYS as NETWORK_KEYS, ENV_SUFFIX };
