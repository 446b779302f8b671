// Agent configuration flags -> AgentSettings. Reads the named files (CLI does the I/O).
import { readFileSync } from 'node:fs';
import type { Argv } from 'yargs';
import { fromHelmValues } from '../agent/helm.js';
import { fromEnv, fromSystemProbeYaml, type Layer, type LayerError } from '../agent/layers.js';
import { resolveAgentSettings } from '../agent/resolve.js';
import type { AgentSettings } from '../agent/types.js';
import type { Assumptions } from '../analyze/contracts.js';
import { semver } from '../lazy.js';
import { numberWord } from '../collect/scopeOptions.js';
import { VENDOR_IDS } from '../analyze/vendors/ids.js';
import { cniVersionOf } from '../analyze/vendors/versions.js';
import { UsageError } from './usageError.js';

export interface AgentArgs {
  agentPriority?: number;
  agentConfig?: string;
  helmValues?: string;
  agentEnv?: string[];
  agentVersion?: string;
  cniVersion?: string;
  assume?: string[];
}

export function withAgentOptions<T>(y: Argv<T>) {
  return y
    .option('agent-priority', { type: 'number', describe: "the agent's classifier_priority (overrides files and environment)" })
    .option('agent-config', { type: 'string', describe: 'system-probe.yaml to read network settings from' })
    .option('helm-values', { type: 'string', describe: 'datadog Helm chart values.yaml' })
    .option('agent-env', { type: 'string', array: true, describe: 'KEY=VALUE of the agent container (DD_RUNTIME_SECURITY_CONFIG_NETWORK_*), repeatable' })
    .option('agent-version', { type: 'string', describe: 'Datadog agent version: 7.36.0-7.39.1 attach at pref 1 and read no classifier_priority (the answer after an upgrade is given); names the known race when at risk' })
    .option('cni-version', { type: 'string', describe: 'CNI version, e.g. cilium:1.9.4' })
    .option('assume', { type: 'string', array: true, describe: "vendor=ok|unspec: what the vendor's programs return (TC_ACT_OK, TC_ACT_UNSPEC), read as each filter is attached; or the effect itself: terminal (ends the walk), passthrough (never ends it), sometimes. Used when no bytecode is available" })
    .check(priorityInRange);
}

/** The flag is held to what the agent's own settings may be (src/agent/layers.ts): a pref
 *  is 16 bits, and 0 means "the library's default" (the agent-config-hazard rule says so). */
function priorityInRange(argv: { 'agent-priority': number | undefined }): true | string {
  const p = argv['agent-priority'];
  if (p === undefined || (Number.isInteger(p) && p >= 0 && p <= 65535)) return true;
  return `--agent-priority: expected an integer 0..65535 (the agent's classifier_priority), got ${numberWord(p)}`;
}

/** A version flag that names no version the checks can read is said, not silently dropped:
 *  the version checks then treat it as unknown. */
function checkVersions(a: AgentArgs, errors: LayerError[]): void {
  if (a.agentVersion && semver().coerce(a.agentVersion) === null) {
    errors.push({ file: '--agent-version', line: null, message: `${JSON.stringify(a.agentVersion)} names no version (e.g. 7.50.0); version checks treat the agent's as unknown` });
  }
  if (a.cniVersion && semver().coerce(a.cniVersion) === null) {
    errors.push({ file: '--cni-version', line: null, message: `${JSON.stringify(a.cniVersion)} names no version (e.g. cilium:1.16.3); version checks treat the CNI's as unknown` });
  } else if (a.cniVersion && !VENDOR_IDS.some((id) => cniVersionOf(id, a.cniVersion!) !== null)) {
    errors.push({ file: '--cni-version', line: null, message: `${JSON.stringify(a.cniVersion)} names no vendor tc-audit knows (e.g. cilium:1.16.3; vendors: ${VENDOR_IDS.filter((id) => id !== 'unknown' && id !== 'datadog').join(', ')}); version checks treat the CNI's as unknown` });
  }
}

const ASSUME_VALUES = new Set(['ok', 'unspec', 'terminal', 'passthrough', 'sometimes']);

export function parseAssume(values: readonly string[] | undefined, errors: string[]): Assumptions {
  const out: Assumptions = {};
  for (const v of values ?? []) {
    const m = /^([a-z0-9-]+)=([a-z]+)$/.exec(v.trim());
    if (!m || !ASSUME_VALUES.has(m[2]!)) {
      errors.push(`--assume ${v}: expected VENDOR=ok|unspec|terminal|passthrough|sometimes (e.g. --assume cilium=ok)`);
      continue;
    }
    // A mistyped vendor (cillium=ok) would match no program and change nothing, silently.
    if (!(VENDOR_IDS as readonly string[]).includes(m[1]!)) {
      errors.push(`--assume ${v}: "${m[1]}" is no vendor id; expected one of ${VENDOR_IDS.join(', ')}`);
      continue;
    }
    out[m[1]!] = m[2] as Assumptions[string];
  }
  return out;
}

/** Environment of tc-audit itself counts too: run it with the agent's variables set.
 *  A file named by --agent-config/--helm-values that cannot be read, or an --agent-env that
 *  is no KEY=VALUE, is a UsageError: the run would otherwise audit the agent's defaults in
 *  their place and could pass a gate it should fail. */
export function agentSettingsFromArgs(a: AgentArgs, errors: LayerError[], env: NodeJS.ProcessEnv = process.env): AgentSettings {
  const layers: Layer[] = [];
  const usage: string[] = [];
  const read = (file: string, flag: string): string | null => {
    try {
      return readFileSync(file, 'utf8');
    } catch (e) {
      usage.push(`${flag} ${file}: cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
      return null;
    }
  };
  // A file YAML cannot parse is a usage error: the agent cannot load it either, and what
  // parsed of it may lack the very key that matters.
  const fromFile = (file: string, flag: string, layersOf: (text: string, file: string, errors: LayerError[]) => Layer[]): void => {
    const t = read(file, flag);
    if (t === null) return;
    const own: LayerError[] = [];
    const ls = layersOf(t, file, own);
    const syntax = own.filter((e) => e.message.startsWith('YAML:'));
    if (syntax.length > 0) {
      usage.push(...syntax.map((e) => `${flag} ${file}${e.line !== null ? `:${e.line}` : ''}: ${e.message}; the agent cannot load this file either: fix it, or leave ${flag} out`));
      return;
    }
    errors.push(...own);
    layers.push(...ls);
  };
  if (a.helmValues) fromFile(a.helmValues, '--helm-values', fromHelmValues);
  if (a.agentConfig) fromFile(a.agentConfig, '--agent-config', fromSystemProbeYaml);
  layers.push(fromEnv(env, 'env', null, errors));
  if (a.agentEnv?.length) {
    const kv: Record<string, string> = {};
    for (const e of a.agentEnv) {
      const i = e.indexOf('=');
      if (i > 0) {
        kv[e.slice(0, i)] = e.slice(i + 1);
        // Any other variable would be read and then count for nothing, silently.
        if (!/^DD_(RUNTIME_SECURITY|EVENT_MONITORING)_CONFIG_NETWORK_/.test(e.slice(0, i))) {
          errors.push({ file: '--agent-env', line: null, message: `${e.slice(0, i)}: not a setting of the agent's network detection (DD_RUNTIME_SECURITY_CONFIG_NETWORK_* or DD_EVENT_MONITORING_CONFIG_NETWORK_*), which is all tc-audit reads; ignored` });
        }
      }
      else usage.push(`--agent-env: expected KEY=VALUE, got ${JSON.stringify(e)}`);
    }
    layers.push(fromEnv(kv, 'env', '--agent-env', errors));
  }
  if (usage.length > 0) throw new UsageError(usage.join('\n'));
  checkVersions(a, errors);
  return resolveAgentSettings(layers, {
    ...(a.agentPriority !== undefined ? { priority: a.agentPriority } : {}),
    ...(a.agentVersion ? { agentVersion: a.agentVersion } : {}),
    ...(a.cniVersion ? { cniVersion: a.cniVersion } : {}),
  });
}
