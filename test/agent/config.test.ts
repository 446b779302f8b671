import { describe, expect, it } from 'vitest';
import { fromHelmValues } from '../../src/agent/helm.js';
import { fromEnv, fromSystemProbeYaml, type LayerError } from '../../src/agent/layers.js';
import { resolveAgentSettings } from '../../src/agent/resolve.js';

describe('agent configuration', () => {
  it('runtime_security_config wins over event_monitoring_config in system-probe.yaml', () => {
    const errors: LayerError[] = [];
    const l = fromSystemProbeYaml('event_monitoring_config:\n  network:\n    classifier_priority: 7\nruntime_security_config:\n  network:\n    classifier_priority: 5\n    ingress:\n      enabled: false\n', 'sp.yaml', errors);
    const s = resolveAgentSettings(l, {});
    expect(errors).toEqual([]);
    expect(s).toMatchObject({ classifierPriority: 5, source: 'system-probe.yaml', ingressEnabled: false });
  });
  it('priority 0 means the library default 50', () => {
    const s = resolveAgentSettings([fromEnv({ DD_RUNTIME_SECURITY_CONFIG_NETWORK_CLASSIFIER_PRIORITY: '0' }, 'env', null, [])], {});
    expect(s).toMatchObject({ configuredPriority: 0, classifierPriority: 50 });
  });
  it('precedence as the agent has it: flag > runtime_security_config in the file > env > event_monitoring_config in the file', () => {
    const errors: LayerError[] = [];
    const helm = fromHelmValues('agents:\n  containers:\n    systemProbe:\n      env:\n        - name: DD_RUNTIME_SECURITY_CONFIG_NETWORK_CLASSIFIER_PRIORITY\n          value: "3"\n', 'v.yaml', errors);
    const em = fromSystemProbeYaml('event_monitoring_config:\n  network:\n    classifier_priority: 4\n', 'sp.yaml', errors);
    const rs = fromSystemProbeYaml('runtime_security_config:\n  network:\n    classifier_priority: 5\n', 'sp.yaml', errors);
    const env = fromEnv({ DD_EVENT_MONITORING_CONFIG_NETWORK_CLASSIFIER_PRIORITY: '6' }, 'env', null, errors);
    expect(errors).toEqual([]);
    // The environment (the Helm container's too) beats event_monitoring_config in the file...
    expect(resolveAgentSettings([...helm, ...em], {})).toMatchObject({ classifierPriority: 3, source: 'helm-values' });
    expect(resolveAgentSettings([...helm, ...em, env], {})).toMatchObject({ classifierPriority: 6, source: 'env' });
    // ...and runtime_security_config in the file beats every variable.
    const s = resolveAgentSettings([...helm, ...rs, env], {});
    expect(s).toMatchObject({ classifierPriority: 5, source: 'system-probe.yaml' });
    expect(s.trace.map((t) => [t.key, t.used])).toEqual([
      ['DD_RUNTIME_SECURITY_CONFIG_NETWORK_CLASSIFIER_PRIORITY', false],
      ['DD_EVENT_MONITORING_CONFIG_NETWORK_CLASSIFIER_PRIORITY', false],
      ['datadog.securityAgent.runtime.network.enabled (chart default)', true],
      ['runtime_security_config.network.classifier_priority', true],
    ]);
    expect(resolveAgentSettings([...helm, ...rs, env], { priority: 2 })).toMatchObject({ classifierPriority: 2, source: 'flag' });
  });
  it('DD_EVENT_MONITORING_CONFIG_* wins over DD_RUNTIME_SECURITY_CONFIG_*, and an empty variable counts as unset', () => {
    const both = fromEnv({ DD_EVENT_MONITORING_CONFIG_NETWORK_CLASSIFIER_PRIORITY: '3', DD_RUNTIME_SECURITY_CONFIG_NETWORK_CLASSIFIER_PRIORITY: '7' }, 'env', null, []);
    expect(resolveAgentSettings([both], {}).classifierPriority).toBe(3);
    const empty = fromEnv({ DD_EVENT_MONITORING_CONFIG_NETWORK_CLASSIFIER_PRIORITY: '', DD_RUNTIME_SECURITY_CONFIG_NETWORK_CLASSIFIER_PRIORITY: '7' }, 'env', null, []);
    expect(resolveAgentSettings([empty], {}).classifierPriority).toBe(7);
  });
  it('a priority the agent cannot read as given is the value it will use, with the reason', () => {
    const read = (v: string) => {
      const errors: LayerError[] = [];
      const s = resolveAgentSettings([fromEnv({ DD_RUNTIME_SECURITY_CONFIG_NETWORK_CLASSIFIER_PRIORITY: v }, 'env', null, errors)], {});
      return { p: s.classifierPriority, configured: s.configuredPriority, why: errors.map((e) => e.message).join('; ') };
    };
    expect(read('abc')).toEqual({ p: 50, configured: 0, why: expect.stringContaining('reads it as 0, which its library turns into pref 50') });
    expect(read(' 9')).toMatchObject({ p: 50, configured: 0 });
    expect(read('-1')).toEqual({ p: 65535, configured: 65535, why: expect.stringContaining('16-bit') });
    expect(read('65536')).toMatchObject({ p: 50, configured: 0 });
    expect(read('65546')).toMatchObject({ p: 10, configured: 10 });
    expect(read('010')).toEqual({ p: 8, configured: 8, why: expect.stringContaining('octal') });
    expect(read('0x9')).toEqual({ p: 9, configured: 9, why: '' });
    expect(read('9.0')).toEqual({ p: 9, configured: 9, why: '' });
    expect(read('9')).toEqual({ p: 9, configured: 9, why: '' });
  });
  it('a boolean the agent cannot read is false to it', () => {
    const errors: LayerError[] = [];
    const s = resolveAgentSettings([fromEnv({ DD_RUNTIME_SECURITY_CONFIG_NETWORK_ENABLED: 'yes', DD_RUNTIME_SECURITY_CONFIG_NETWORK_INGRESS_ENABLED: 'T' }, 'env', null, errors)], {});
    expect(s).toMatchObject({ networkEnabled: false, ingressEnabled: true });
    expect(errors).toEqual([{ file: 'environment', line: null, message: expect.stringContaining('reads it as false') }]);
  });
  it('dotted and upper-case keys in system-probe.yaml count, as the agent splits and lowercases them', () => {
    const errors: LayerError[] = [];
    const s = resolveAgentSettings(fromSystemProbeYaml('runtime_security_config.network.classifier_priority: 3\nEvent_Monitoring_Config:\n  network.ingress.enabled: false\n', 'sp.yaml', errors), {});
    expect(errors).toEqual([]);
    expect(s).toMatchObject({ classifierPriority: 3, ingressEnabled: false });
    expect(s.trace.map((t) => t.key)).toEqual(['event_monitoring_config.network.ingress.enabled', 'runtime_security_config.network.classifier_priority']);
  });
  it('Helm: the chart writes network.enabled into system-probe.yaml, so container env cannot change it', () => {
    const errors: LayerError[] = [];
    const off = 'agents:\n  containers:\n    systemProbe:\n      env:\n        - name: DD_RUNTIME_SECURITY_CONFIG_NETWORK_ENABLED\n          value: "false"\n';
    expect(resolveAgentSettings(fromHelmValues(off, 'v.yaml', errors), {}).networkEnabled).toBe(true); // the chart's default true wins
    const on = 'datadog:\n  securityAgent:\n    runtime:\n      network:\n        enabled: false\n  env:\n    - name: DD_EVENT_MONITORING_CONFIG_NETWORK_ENABLED\n      value: "true"\n';
    expect(resolveAgentSettings(fromHelmValues(on, 'v.yaml', errors), {}).networkEnabled).toBe(false);
    expect(errors).toEqual([]);
  });
  it('Helm: datadog.env, then datadog.envDict, then the system-probe container env, the last one winning', () => {
    const errors: LayerError[] = [];
    const v = (extra: string) => resolveAgentSettings(fromHelmValues(`datadog:\n  env:\n    - name: DD_RUNTIME_SECURITY_CONFIG_NETWORK_CLASSIFIER_PRIORITY\n      value: "20"\n${extra}`, 'v.yaml', errors), {}).classifierPriority;
    expect(v('')).toBe(20);
    expect(v('  envDict:\n    DD_RUNTIME_SECURITY_CONFIG_NETWORK_CLASSIFIER_PRIORITY: 7\n')).toBe(7);
    expect(v('  envDict:\n    DD_RUNTIME_SECURITY_CONFIG_NETWORK_CLASSIFIER_PRIORITY: 7\nagents:\n  containers:\n    systemProbe:\n      env:\n        - name: DD_RUNTIME_SECURITY_CONFIG_NETWORK_CLASSIFIER_PRIORITY\n          value: "4"\n')).toBe(4);
    expect(errors).toEqual([]);
  });
  it('Helm: an unquoted 0 or false renders as an empty variable, and valueFrom cannot be read: both said, neither used', () => {
    const errors: LayerError[] = [];
    const s = resolveAgentSettings(fromHelmValues('agents:\n  containers:\n    systemProbe:\n      env:\n        - name: DD_RUNTIME_SECURITY_CONFIG_NETWORK_CLASSIFIER_PRIORITY\n          value: 0\n        - name: DD_RUNTIME_SECURITY_CONFIG_NETWORK_CLASSIFIER_HANDLE\n          valueFrom:\n            configMapKeyRef: {name: x, key: y}\n', 'v.yaml', errors), {});
    expect(s).toMatchObject({ classifierPriority: 10, configuredPriority: null, classifierHandle: null });
    expect(errors.map((e) => e.message)).toEqual([
      expect.stringContaining('renders as an empty variable that the agent ignores; quote it ("0")'),
      expect.stringContaining('comes from valueFrom, which tc-audit cannot read'),
    ]);
  });
  it('Helm chart network.enabled false disables network detection', () => {
    const s = resolveAgentSettings(fromHelmValues('datadog:\n  securityAgent:\n    runtime:\n      network:\n        enabled: false\n', 'v.yaml', []), {});
    expect(s.networkEnabled).toBe(false);
  });
  it('bad values are errors with file and line, not exceptions', () => {
    const errors: LayerError[] = [];
    fromSystemProbeYaml('runtime_security_config:\n  network:\n    classifier_priority: high\n', 'sp.yaml', errors);
    expect(errors).toEqual([{ file: 'sp.yaml', line: 3, message: expect.stringContaining('"high" is not an integer; the agent reads it as 0') }]);
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
  it('a key or variable the agent does not have is said, with the near one', () => {
    const errors: LayerError[] = [];
    fromSystemProbeYaml('runtime_security_config:\n  network:\n    clasifier_priority: 3\n    lazy_interface_prefixes: [veth]\n', 'sp.yaml', errors);
    fromEnv({ DD_RUNTIME_SECURITY_CONFIG_NETWORK_CLASIFIER_PRIORITY: '2', DD_EVENT_MONITORING_CONFIG_NETWORK_FLOW_MONITOR_PERIOD: '5s', PATH: '/bin' }, 'env', null, errors);
    expect(errors).toEqual([
      { file: 'sp.yaml', line: 3, message: 'runtime_security_config.network.clasifier_priority: the agent has no such setting, and ignores it (did you mean runtime_security_config.network.classifier_priority?)' },
      { file: 'environment', line: null, message: 'DD_RUNTIME_SECURITY_CONFIG_NETWORK_CLASIFIER_PRIORITY: the agent has no such setting, and ignores it (did you mean DD_RUNTIME_SECURITY_CONFIG_NETWORK_CLASSIFIER_PRIORITY?)' },
    ]);
  });
  it('one environment: DD_EVENT_MONITORING_CONFIG_* wins whichever source set it (Helm env, then --agent-env)', () => {
    const errors: LayerError[] = [];
    const helm = fromHelmValues('datadog:\n  env:\n    - name: DD_EVENT_MONITORING_CONFIG_NETWORK_CLASSIFIER_PRIORITY\n      value: "5"\n', 'v.yaml', errors);
    const flag = fromEnv({ DD_RUNTIME_SECURITY_CONFIG_NETWORK_CLASSIFIER_PRIORITY: '3' }, 'env', '--agent-env', errors);
    const s = resolveAgentSettings([...helm, flag], {});
    expect(s.classifierPriority).toBe(5);
    expect(s.trace.filter((t) => t.key.startsWith('DD_')).map((t) => [t.key, t.used])).toEqual([
      ['DD_EVENT_MONITORING_CONFIG_NETWORK_CLASSIFIER_PRIORITY', true], ['DD_RUNTIME_SECURITY_CONFIG_NETWORK_CLASSIFIER_PRIORITY', false],
    ]);
    // The same name set twice: the later source wins.
    const again = fromEnv({ DD_EVENT_MONITORING_CONFIG_NETWORK_CLASSIFIER_PRIORITY: '2' }, 'env', '--agent-env', errors);
    expect(resolveAgentSettings([...helm, again], {}).classifierPriority).toBe(2);
  });
  it('YAML as the agent reads it (go-yaml v2, YAML 1.1): octal, underscores, yes, and a repeated key', () => {
    const read = (text: string) => {
      const errors: LayerError[] = [];
      return { s: resolveAgentSettings(fromSystemProbeYaml(text, 'sp.yaml', errors), {}), errors };
    };
    expect(read('runtime_security_config:\n  network:\n    classifier_priority: 010\n').s.classifierPriority).toBe(8);
    expect(read('runtime_security_config:\n  network:\n    classifier_priority: 1_000\n').s.classifierPriority).toBe(1000);
    expect(read('runtime_security_config:\n  network:\n    enabled: off\n').s.networkEnabled).toBe(false);
    const yes = read('runtime_security_config:\n  network:\n    enabled: yes\n    ingress:\n      enabled: "yes"\n');
    expect([yes.s.networkEnabled, yes.s.ingressEnabled]).toEqual([true, false]); // a quoted "yes" is a string: false to cast
    const twice = read('runtime_security_config:\n  network:\n    classifier_priority: 5\n    classifier_priority: 7\n');
    expect([twice.s.classifierPriority, twice.errors]).toEqual([7, []]);
    // YAML 1.1's base-60 numbers are not go-yaml's: `1:00` stays a string, which cast reads as
    // 0 (pref 50), not 60.
    const clock = read('runtime_security_config:\n  network:\n    classifier_priority: 1:00\n');
    expect([clock.s.configuredPriority, clock.s.classifierPriority]).toEqual([0, 50]);
    expect(read('runtime_security_config:\n  network:\n    classifier_priority: 0o17\n').s.classifierPriority).toBe(15);
  });
  it('variables of other agent settings that share the prefix are not called typos', () => {
    const errors: LayerError[] = [];
    fromEnv({ DD_RUNTIME_SECURITY_CONFIG_NETWORK_MONITORING_ENABLED: 'true', DD_EVENT_MONITORING_CONFIG_NETWORK_PROCESS_MAX_PROCESSES_TRACKED: '10' }, 'env', null, errors);
    expect(errors).toEqual([]);
  });
  it('anchors, aliases and merge keys are followed, as the agent follows them', () => {
    const errors: LayerError[] = [];
    const text = 'base: &base\n  enabled: false\n  classifier_priority: 4\nprio: &p 6\nruntime_security_config:\n  network:\n    <<: *base\n    classifier_priority: *p\n';
    const s = resolveAgentSettings(fromSystemProbeYaml(text, 'sp.yaml', errors), {});
    expect(errors).toEqual([]);
    // The map's own key wins over the merged one.
    expect(s).toMatchObject({ networkEnabled: false, classifierPriority: 6 });
  });
  it('an empty variable in a later source unsets the name for the earlier ones (one environment)', () => {
    const early = fromEnv({ DD_EVENT_MONITORING_CONFIG_NETWORK_CLASSIFIER_PRIORITY: '5' }, 'env', null, []);
    const later = fromEnv({ DD_EVENT_MONITORING_CONFIG_NETWORK_CLASSIFIER_PRIORITY: '', DD_RUNTIME_SECURITY_CONFIG_NETWORK_CLASSIFIER_PRIORITY: '3' }, 'env', '--agent-env', []);
    expect(resolveAgentSettings([early, later], {}).classifierPriority).toBe(3);
  });
  it('merge keys are shallow, an earlier source wins, and a quoted "<<" is a plain (unknown) key', () => {
    const read = (text: string) => {
      const errors: LayerError[] = [];
      return { s: resolveAgentSettings(fromSystemProbeYaml(text, 'sp.yaml', errors), {}), errors };
    };
    // The map's own `network` replaces the merged one whole: enabled stays the default (on).
    const shallow = read('d: &d {network: {enabled: false, classifier_priority: 4}}\nruntime_security_config: {<<: *d, network: {classifier_priority: 3}}\n');
    expect([shallow.s.networkEnabled, shallow.s.classifierPriority]).toEqual([true, 3]);
    const list = read('a: &a {classifier_priority: 4}\nb: &b {classifier_priority: 7}\nruntime_security_config: {network: {<<: [*a, *b]}}\n');
    expect(list.s.classifierPriority).toBe(4);
    const quoted = read('runtime_security_config: {network: {"<<": {classifier_priority: 4}}}\n');
    expect(quoted.s.classifierPriority).toBe(10);
    expect(quoted.errors.map((e) => e.message)).toEqual([expect.stringContaining('the agent has no such setting')]);
  });
  it('an anchor inside itself, or an alias bomb, is an unreadable file, not a hang', () => {
    const errors: LayerError[] = [];
    fromSystemProbeYaml('a: &a\n  x: *a\n  y: *a\n', 'cyc.yaml', errors);
    expect(errors).toEqual([{ file: 'cyc.yaml', line: null, message: expect.stringMatching(/^YAML: an anchor contains itself/) }]);
    const levels = ['l0: &l0 [x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 9; i++) levels.push(`l${i}: &l${i} [${Array(9).fill(`*l${i - 1}`).join(', ')}]`);
    const bomb: LayerError[] = [];
    fromSystemProbeYaml(`${levels.join('\n')}\n`, 'bomb.yaml', bomb);
    expect(bomb[0]!.message).toMatch(/^YAML: /);
  });
});

describe('settings written where the agent or the chart does not read them', () => {
  const spErrors = (text: string): string[] => {
    const errors: LayerError[] = [];
    fromSystemProbeYaml(text, 'sp.yaml', errors);
    return errors.map((e) => `${e.line ?? '-'}: ${e.message}`);
  };
  const helmErrors = (text: string): string[] => {
    const errors: LayerError[] = [];
    fromHelmValues(text, 'v.yaml', errors);
    return errors.map((e) => e.message);
  };

  it('system-probe.yaml: a network key one level off, a Helm values file, a list', () => {
    expect(spErrors('runtime_security_config:\n  classifier_priority: 4\n  enabled: true\n  fim:\n    enabled: true\n')).toEqual([
      '2: runtime_security_config.classifier_priority: not a network setting, and the agent ignores it here; did you mean runtime_security_config.network.classifier_priority?',
    ]);
    expect(spErrors('event_monitoring_config:\n  net:\n    ingress:\n      enabled: false\n')).toEqual([
      expect.stringContaining('event_monitoring_config.net.ingress.enabled: not a network setting, and the agent ignores it here; did you mean event_monitoring_config.network.ingress.enabled?'),
    ]);
    expect(spErrors('datadog:\n  securityAgent:\n    runtime:\n      network:\n        enabled: false\n')).toEqual([expect.stringContaining('this looks like Helm values')]);
    expect(spErrors('- a\n- b\n')).toEqual(['1: the file holds a YAML list at the top; system-probe.yaml is a mapping (runtime_security_config: ...)']);
    expect(spErrors('runtime_security_config:\n  network:\n    classifier_priority: 4\n')).toEqual([]);
  });

  it('Helm values: a network value the chart lacks, an env map, a system-probe.yaml, a list', () => {
    expect(helmErrors('datadog:\n  securityAgent:\n    runtime:\n      network:\n        enabled: true\n        classifier_priority: 4\n')).toEqual([
      expect.stringContaining('datadog.securityAgent.runtime.network.classifier_priority: the chart has no such value and ignores it'),
    ]);
    expect(helmErrors('agents:\n  containers:\n    systemProbe:\n      env:\n        DD_RUNTIME_SECURITY_CONFIG_NETWORK_CLASSIFIER_PRIORITY: "4"\n')).toEqual([
      expect.stringContaining('agents.containers.systemProbe.env: the chart takes a list of {name, value} entries, not a map'),
    ]);
    expect(helmErrors('runtime_security_config:\n  network:\n    classifier_priority: 4\n')).toEqual([expect.stringContaining('this looks like system-probe.yaml')]);
    expect(helmErrors('- a\n')).toEqual([expect.stringContaining('a YAML list at the top')]);
  });
});
