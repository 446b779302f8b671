// Remediations quote the dotted keys recorded with each snippet instead of parsing the YAML
// back; the record must say exactly what the YAML says.
import { describe, expect, it } from 'vitest';
import { dottedKeys } from '../../src/analyze/rules/util/fix.js';
import { disableNetworkSnippets, setPrioritySnippets, systemProbeKeys } from '../../src/recommend/snippets.js';

describe('systemProbeKeys', () => {
  it.each([1, 2, 9, 10, 49151, 65535])('set-priority %i: the recorded keys are the parsed ones', (n) => {
    const text = setPrioritySnippets(n).systemProbeYaml;
    expect(systemProbeKeys(text)).toBe(dottedKeys(text).join(', '));
  });

  it('disable-network: the recorded keys are the parsed ones', () => {
    const text = disableNetworkSnippets().systemProbeYaml;
    expect(systemProbeKeys(text)).toBe(dottedKeys(text).join(', '));
    expect(systemProbeKeys(text)).toBe('runtime_security_config.network.enabled: false');
  });

  it('knows nothing of texts it did not write', () => {
    expect(systemProbeKeys('runtime_security_config:\n  network:\n    enabled: true\n')).toBeUndefined();
  });
});
