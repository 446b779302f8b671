// The exact configuration to apply, in every form the agent is deployed with.
// Keys: datadog-agent pkg/config/setup/system_probe.go (runtime_security_config alias wins),
// Helm chart datadog.securityAgent.runtime.network.enabled (no priority key: use env),
// Operator v2alpha1 features.cws.network.enabled (only ever sets the env to true: also
// override the env to be sure).
import type { Snippets } from './types.js';

const PRIORITY_ENV = 'DD_RUNTIME_SECURITY_CONFIG_NETWORK_CLASSIFIER_PRIORITY';
const ENABLED_ENV = 'DD_RUNTIME_SECURITY_CONFIG_NETWORK_ENABLED';

const envList = (name: string, value: string, indent: string): string =>
  `${indent}- name: ${name}\n${indent}  value: "${value}"`;

/** The dotted keys of each system-probe.yaml text written here ("a.b.c: value"), recorded as
 *  the text is made: remediations quote them, and parsing our own text back needed the YAML
 *  library (~15 ms to load) on every run with a finding. Bounded: one entry per priority.
 *  test/recommend/snippets.test.ts checks them against the parsed text. */
const KEYS = new Map<string, string>();
const recorded = (yamlText: string, keys: string): string => {
  KEYS.set(yamlText, keys);
  return yamlText;
};

/** The dotted keys of a system-probe.yaml snippet from this module, or undefined. */
export const systemProbeKeys = (yamlText: string): string | undefined => KEYS.get(yamlText);

export function setPrioritySnippets(n: number): Snippets {
  return {
    systemProbeYaml: recorded(`runtime_security_config:\n  network:\n    classifier_priority: ${n}\n`, `runtime_security_config.network.classifier_priority: ${n}`),
    helmValues: `# the chart has no classifier_priority value; set it on the system-probe container\nagents:\n  containers:\n    systemProbe:\n      env:\n${envList(PRIORITY_ENV, String(n), '        ')}\n`,
    env: `${PRIORITY_ENV}=${n}\n`,
    operator: `spec:\n  override:\n    nodeAgent:\n      containers:\n        system-probe:\n          env:\n${envList(PRIORITY_ENV, String(n), '            ')}\n`,
  };
}

export function disableNetworkSnippets(): Snippets {
  return {
    systemProbeYaml: recorded(`runtime_security_config:\n  network:\n    enabled: false\n`, 'runtime_security_config.network.enabled: false'),
    helmValues: `datadog:\n  securityAgent:\n    runtime:\n      network:\n        enabled: false\n`,
    env: `${ENABLED_ENV}=false\n`,
    operator: `spec:\n  features:\n    cws:\n      network:\n        enabled: false\n  # the Operator only sets the variable when true; force it off as well\n  override:\n    nodeAgent:\n      containers:\n        system-probe:\n          env:\n${envList(ENABLED_ENV, 'false', '            ')}\n`,
  };
}
