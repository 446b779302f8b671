// Reading the agent's network settings out of each place they can be set. Pure: callers
// pass file text or an environment map. Precedence is applied in resolve.ts.
import { closest } from '../closest.js';
import { yaml } from '../lazy.js';
import { LIBRARY_FALLBACK_PRIORITY } from './defaults.js';
import { agentBool, agentUint16, type Reading } from './goValues.js';
import type { SettingSource } from './types.js';
import { yamlLeaves, type Leaf } from './yamlKeys.js';
import type { Tags } from 'yaml';

export interface NetworkValues {
  enabled?: boolean;
  priority?: number;
  handle?: number;
  ingress?: boolean;
  rawPacket?: boolean;
}

/** Where a layer sits in the agent's precedence (higher wins; resolve.ts). The agent reads
 *  each setting from `event_monitoring_config.network.*`, bound to two environment variables,
 *  except that the deprecated `runtime_security_config.network.*` key wins when a file sets
 *  it (pkg/security/probe/config/config.go getInt/getBool check it first; no variable binds
 *  it). Environment beats the file for the same key. So: the runtime_security_config key of
 *  a file > the environment > the event_monitoring_config key of a file > the default. */
export const RANK = { emFile: 1, env: 2, rsFile: 3 } as const;

export interface Layer {
  from: SettingSource;
  file: string | null;
  rank: (typeof RANK)[keyof typeof RANK];
  /** Each value as written, with the setting it sets, for the report's trace. */
  /** `parsed` is null for an empty variable, which the agent treats as unset (and which
   *  unsets the name for the sources before it: resolve.ts). */
  raw: Array<{ key: string; value: string; setting: keyof NetworkValues; parsed: number | boolean | null }>;
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

/** Every key the agent has under `…network.` (pkg/config/setup/system_probe_cws.go, newest
 *  stored; ../shared/research/datadog-agent.md), read here or not: any other key is a typo,
 *  which the agent ignores and a gate must not pass over in silence. */
const AGENT_NETWORK_KEYS = [
  'enabled', 'ingress.enabled', 'raw_packet.enabled', 'raw_packet.limiter_rate', 'raw_packet.filter',
  'classifier_priority', 'classifier_handle', 'raw_classifier_handle', 'flow_monitor.enabled',
  'flow_monitor.sk_storage.enabled', 'flow_monitor.period', 'lazy_interface_prefixes',
  'private_ip_ranges', 'extra_private_ip_ranges',
];
const AGENT_ENV_SUFFIXES = AGENT_NETWORK_KEYS.map((k) => k.toUpperCase().replace(/\./g, '_'));
const ENV_PREFIXES = ['DD_EVENT_MONITORING_CONFIG_NETWORK_', 'DD_RUNTIME_SECURITY_CONFIG_NETWORK_'] as const;
/** Other agent settings whose variables share the prefix: runtime_security_config.
 *  network_monitoring.* and event_monitoring_config.network_process.* (system_probe.go). */
const OTHER_SETTING = /^(DD_RUNTIME_SECURITY_CONFIG_NETWORK_MONITORING_ENABLED|DD_(RUNTIME_SECURITY|EVENT_MONITORING)_CONFIG_NETWORK_PROCESS_[A-Z_]+)$/;
const didYouMean = (word: string, among: readonly string[]): string => {
  const near = closest(word, among);
  return near === undefined ? '' : ` (did you mean ${near}?)`;
};

/** The value the agent uses for `raw` (goValues.ts), and what to tell the user about it. */
function reading(key: keyof NetworkValues, raw: unknown): Reading<number | boolean> {
  if (NUMERIC.has(key)) {
    const r = agentUint16(raw);
    if (key === 'priority' && r.value === 0 && r.problem !== null) return { value: 0, problem: `${r.problem}, which its library turns into pref ${LIBRARY_FALLBACK_PRIORITY}` };
    return r;
  }
  return agentBool(raw);
}

function setValue(layer: Layer, key: keyof NetworkValues, raw: unknown, label: string, errors: LayerError[], file: string, line: number | null): void {
  if (raw === undefined || raw === null) return;
  const r = reading(key, raw);
  if (r.problem !== null) errors.push({ file, line, message: `${label}: ${r.problem}` });
  layer.raw.push({ key: label, value: String(raw), setting: key, parsed: r.value });
}

/** YAML 1.1's tags but the base-60 int and float (`1:00` = 60), which go-yaml does not read. */
const withoutBase60 = (tags: Tags): Tags =>
  tags.filter((t) => (typeof t === 'string' ? t !== 'intTime' && t !== 'floatTime' : (t as { format?: string }).format !== 'TIME'));

/** A YAML document, its syntax errors added to `errors` with their lines. (yaml gives an
 *  error's line only through a LineCounter or in pretty messages, which would repeat the
 *  place after file:line, so without one every YAML error was reported with no line.) */
export function parseYaml(text: string, file: string, errors: LayerError[], lines = new (yaml().LineCounter)()): ReturnType<ReturnType<typeof yaml>['parseDocument']> {
  // As the agent (and Helm) read YAML: go-yaml v2, YAML 1.1 (`010` is octal, `1_000` is 1000,
  // unquoted yes/on are true), and a repeated key is no error: the later value wins (the
  // agent falls back from UnmarshalStrict to Unmarshal). Not YAML 1.1's base-60 numbers:
  // go-yaml leaves `1:00` a string on purpose (resolve.go), which the agent's cast reads as 0.
  const doc = yaml().parseDocument(text, { prettyErrors: false, lineCounter: lines, version: '1.1', uniqueKeys: false, customTags: withoutBase60 });
  for (const e of doc.errors) {
    // The library's own words for a second `---` name its API; say what the file holds.
    const message = e.code === 'MULTIPLE_DOCS' ? 'the file holds more than one YAML document (a second `---`); a settings file holds one: keep only that one' : e.message.split('\n')[0];
    errors.push({ file, line: lines.linePos(e.pos[0]).line, message: `YAML: ${message}` });
  }
  return doc;
}

/** Settings written where the agent does not read them, which would otherwise be ignored
 *  without a word while the report says the default: a network key one level off
 *  (`runtime_security_config.classifier_priority`), or a Helm values file given as
 *  system-probe.yaml. */
function misplaced(leaves: ReadonlyMap<string, Leaf>, file: string, errors: LayerError[]): void {
  let helm: Leaf | null = null;
  for (const [path, leaf] of leaves) {
    if (/^(datadog|agents|clusteragent)\./.test(path)) helm ??= leaf;
    // ("enabled" alone is too common a key to guess about: runtime_security_config.enabled
    // and fim.enabled are settings of their own.)
    const m = /^(event_monitoring_config|runtime_security_config)\.(?:(?!network\.)[^.]+\.)?(classifier_priority|classifier_handle|raw_classifier_handle|ingress\.enabled)$/.exec(path);
    if (m) {
      errors.push({ file, line: leaf.line, message: `${path}: not a network setting, and the agent ignores it here; did you mean ${m[1]}.network.${m[2]}?` });
    }
  }
  if (helm !== null) {
    errors.push({ file, line: helm.line, message: 'this looks like Helm values (datadog:, agents:), which system-probe does not read: give the file with --helm-values' });
  }
}

/** A system-probe.yaml as two layers: its event_monitoring_config keys (below the
 *  environment) and its runtime_security_config keys (above it). Dotted keys count. */
export function fromSystemProbeYaml(text: string, file: string, errors: LayerError[], from: SettingSource = 'system-probe.yaml'): Layer[] {
  const em: Layer = { from, file, rank: RANK.emFile, raw: [] };
  const rs: Layer = { from, file, rank: RANK.rsFile, raw: [] };
  const lines = new (yaml().LineCounter)();
  const doc = parseYaml(text, file, errors, lines);
  if (doc.errors.length > 0) return [em, rs];
  const leaves = yamlLeaves(doc, lines);
  if (typeof leaves === 'string') {
    // Read as a YAML error: the file cannot be used (a usage error in the CLI).
    errors.push({ file, line: null, message: `YAML: ${leaves}` });
    return [em, rs];
  }
  if (yaml().isSeq(doc.contents)) errors.push({ file, line: 1, message: 'the file holds a YAML list at the top; system-probe.yaml is a mapping (runtime_security_config: ...)' });
  misplaced(leaves, file, errors);
  for (const [path, leaf] of leaves) {
    const m = /^(event_monitoring_config|runtime_security_config)\.network\.(.+)$/.exec(path);
    if (m && !AGENT_NETWORK_KEYS.includes(m[2]!)) {
      errors.push({ file, line: leaf.line, message: `${path}: the agent has no such setting, and ignores it${didYouMean(m[2]!, AGENT_NETWORK_KEYS).replace('mean ', `mean ${m[1]}.network.`)}` });
    }
  }
  for (const [root, layer] of [['event_monitoring_config', em], ['runtime_security_config', rs]] as const) {
    for (const key of Object.keys(KEYS) as Array<keyof NetworkValues>) {
      const path = [root, 'network', ...KEYS[key]].join('.');
      const leaf = leaves.get(path);
      if (leaf) setValue(layer, key, leaf.value, path, errors, file, leaf.line);
    }
  }
  return [em, rs];
}

/** The agent's environment. Both prefixes feed one setting; DD_EVENT_MONITORING_CONFIG_* is
 *  bound first and the first variable set (and not empty) wins (pkg/config/setup
 *  eventMonitorBindEnvAndSetDefault; nodetreemodel buildEnvVars): resolve.ts applies that
 *  over every environment source at once. */
export function fromEnv(env: Readonly<Record<string, string | undefined>>, from: SettingSource, file: string | null, errors: LayerError[]): Layer {
  const layer: Layer = { from, file, rank: RANK.env, raw: [] };
  for (const name of Object.keys(env)) {
    const prefix = ENV_PREFIXES.find((p) => name.startsWith(p));
    if (prefix === undefined || AGENT_ENV_SUFFIXES.includes(name.slice(prefix.length)) || OTHER_SETTING.test(name)) continue;
    errors.push({ file: file ?? 'environment', line: null, message: `${name}: the agent has no such setting, and ignores it${didYouMean(name.slice(prefix.length), AGENT_ENV_SUFFIXES).replace('mean ', `mean ${prefix}`)}` });
  }
  // Both names are recorded: which one counts is decided over all sources together (resolve.ts).
  for (const key of Object.keys(ENV_SUFFIX) as Array<keyof NetworkValues>) {
    for (const prefix of ENV_PREFIXES) {
      const name = prefix + ENV_SUFFIX[key];
      const v = env[name];
      if (v === undefined) continue;
      if (v === '') layer.raw.push({ key: name, value: '', setting: key, parsed: null });
      else setValue(layer, key, v, name, errors, file ?? 'environment', null);
    }
  }
  return layer;
}

export { KEYS as NETWORK_KEYS, ENV_SUFFIX };
