import { describe, expect, it } from 'vitest';
import { fromHelmValues } from '../../src/agent/helm.js';
import { fromEnv, fromSystemProbeYaml, type LayerError } from '../../src/agent/layers.js';
import { resolveAgentSettings } from '../../src/agent/resolve.js';

describe('agent configuration', () => {
  it('runtime_security_config wins over event_monitoring_config in system-probe.yaml', () => {
    const errors: LayerError[] = [];
    const l = fromSystemProbeYaml('event_monitoring_config:\n  network:\n    classifier_priority: 7\nruntime_security_config:\n  network:\n    classifier_priority: 5\n    ingress:\n      enabled: false\n', 'sp.yaml', errors);
    const s = resolveAgentSettings([l], {});
    expect(errors).toEqual([]);
    expect(s).toMatchObject({ classifierPriority: 5, source: 'system-probe.yaml', ingressEnabled: false });
  });
  it('priority 0 means the library default 50', () => {
    const s = resolveAgentSettings([fromEnv({ DD_RUNTIME_SECURITY_CONFIG_NETWORK_CLASSIFIER_PRIORITY: '0' }, 'env', null, [])], {});
    expect(s).toMatchObject({ configuredPriority: 0, classifierPriority: 50 });
  });
  it('precedence: flag > env > system-probe.yaml > helm', () => {
    const errors: LayerError[] = [];
    const helm = fromHelmValues('agents:\n  containers:\n    systemProbe:\n      env:\n        - name: DD_RUNTIME_SECURITY_CONFIG_NETWORK_CLASSIFIER_PRIORITY\n          value: "3"\n', 'v.yaml', errors);
    const yaml = fromSystemProbeYaml('runtime_security_config:\n  network:\n    classifier_priority: 4\n', 'sp.yaml', errors);
    const env = fromEnv({ DD_EVENT_MONITORING_CONFIG_NETWORK_CLASSIFIER_PRIORITY: '6' }, 'env', null, errors);
    expect(resolveAgentSettings([...helm, yaml], {}).classifierPriority).toBe(4);
    expect(resolveAgentSettings([...helm, yaml, env], {}).classifierPriority).toBe(6);
    expect(resolveAgentSettings([...helm, yaml, env], { priority: 2 })).toMatchObject({ classifierPriority: 2, source: 'flag' });
  });
  it('Helm chart network.enabled false disables network detection', () => {
    const s = resolveAgentSettings(fromHelmValues('datadog:\n  securityAgent:\n    runtime:\n      network:\n        enabled: false\n', 'v.yaml', []), {});
    expect(s.networkEnabled).toBe(false);
  });
  it('bad values are errors with file and line, not exceptions', () => {
    const errors: LayerError[] = [];
    fromSystemProbeYaml('runtime_security_config:\n  network:\n    classifier_priority: high\n', 'sp.yaml', errors);
    expect(errors).toEqual([{ file: 'sp.yaml', line: 3, message: expect.stringContaining('expected an integer') }]);
    const e2: LayerError[] = [];
    fromSystemProbeYaml('a: [1,\n', 'bad.yaml', e2);
    expect(e2[0]).toMatchObject({ file: 'bad.yaml', line: 2, message: expect.stringContaining('YAML') });
  });
  it('YAML syntax errors say their line, in system-probe.yaml and Helm values alike', () => {
    const errors: LayerError[] = [];
    fromSystemProbeYaml('runtime_security_config:\n  network:\n   enabled: [true\n  x: 1\n', 'sp.yaml', errors);
    fromHelmValues('datadog:\n  securityAgent: [\n', 'v.yaml', errors);
    expect(errors).toEqual([
      { file: 'sp.yaml', line: 4, message: 'YAML: Flow sequence in block collection must be sufficiently indented and end with a ]' },
      { file: 'v.yaml', line: 3, message: 'YAML: Flow sequence in block collection must be sufficiently indented and end with a ]' },
    ]);
  });
  it('a second YAML document is said in the user\'s words, not the library\'s API', () => {
    const errors: LayerError[] = [];
    fromSystemProbeYaml('---\nfoo: 1\n---\nruntime_security_config:\n  network:\n    classifier_priority: 4\n', 'sp.yaml', errors);
    expect(errors).toEqual([{ file: 'sp.yaml', line: 3, message: 'YAML: the file holds more than one YAML document (a second `---`); a settings file holds one: keep only that one' }]);
  });
});
