// Pure pieces of the collector, on recorded shapes (no root needed).
import { describe, expect, it } from 'vitest';
import { missingCapabilities, readEffectiveCaps } from '../../src/collect/caps.js';
import { globToRegExp } from '../../src/collect/links.js';
import { ownerFromCgroup } from '../../src/collect/owner.js';
import { redactToken } from '../../src/collect/redact.js';
import { batchInput, batchSafe, splitBatchOutput } from '../../src/collect/tcBatch.js';
import { capabilitiesFrom, parseBpftoolVersion, parseIproute2Version } from '../../src/collect/versions.js';

describe('tc -batch output', () => {
  const q = [
    { device: 'd0', direction: 'ingress' as const },
    { device: 'gone', direction: 'ingress' as const },
    { device: 'd0', direction: 'egress' as const },
  ];
  it('lines arrays up with commands, skipping the ones that failed (iproute2 6.1 shape)', () => {
    const out = splitBatchOutput(q, '[{"pref":1}]\n[]\n', 'Cannot find device "gone"\nCommand failed -:2\n');
    expect(out).toEqual([{ ok: true, entries: [{ pref: 1 }] }, { ok: false, message: 'Cannot find device "gone"' }, { ok: true, entries: [] }]);
  });
  it('refuses to guess when the counts do not match', () => {
    expect(splitBatchOutput(q, '[]\n', '')).toBeNull();
    expect(splitBatchOutput(q, '[]\n[\n', '')).toBeNull();
  });
  it('keeps names that batch parsing would break out of the batch', () => {
    expect(batchSafe('we$ird;x')).toBe(true);
    expect(batchSafe('dév0')).toBe(true);
    expect(batchSafe('a#b')).toBe(false);
    expect(batchSafe('q"x')).toBe(false);
    expect(batchInput([{ device: "q'x", direction: 'egress' }])).toBe('filter show dev "q\'x" egress\n');
  });
});

describe('versions and capabilities', () => {
  it('reads tool versions', () => {
    expect(parseIproute2Version('tc utility, iproute2-6.1.0, libbpf 1.1.2')).toBe('6.1.0');
    expect(parseBpftoolVersion('{"version":"7.5.0","libbpf_version":"1.5"}')).toBe('7.5.0');
    expect(parseBpftoolVersion('bpftool v7.2.0\nusing libbpf v1.2')).toBe('7.2.0');
  });
  it('kernel with tcx but bpftool < 7.3: tcx blind', () => {
    const c = capabilitiesFrom('6.8.0-31-generic', '6.1.0', '7.2.0', { tc: true, ip: true, bpftool: true });
    expect([c.kernelTcx, c.bpftoolTcx, c.tcJson]).toEqual([true, false, true]);
    expect(capabilitiesFrom('5.15.0', 'ss200127', null, { tc: true, ip: true, bpftool: false }).tcJson).toBe(false);
  });
});

describe('privileges', () => {
  it('names what an unprivileged user lacks', () => {
    const none = readEffectiveCaps('Name:\tnode\nCapEff:\t0000000000000000\n');
    expect(missingCapabilities(none, true).join('\n')).toMatch(/CAP_NET_ADMIN[\s\S]*CAP_BPF and CAP_PERFMON[\s\S]*CAP_SYS_PTRACE/);
    expect(missingCapabilities(readEffectiveCaps('CapEff:\t000001ffffffffff\n'), true)).toEqual([]);
    // CAP_NET_ADMIN + CAP_BPF + CAP_PERFMON is enough for the own namespace only
    const mask = (1n << 12n) | (1n << 38n) | (1n << 39n);
    expect(missingCapabilities(mask, false)).toEqual([]);
    expect(missingCapabilities(mask, true).length).toBeGreaterThan(0);
  });
});

describe('owners, globs, redaction', () => {
  it('finds container ids and pod UIDs in cgroup paths', () => {
    const id = 'a'.repeat(64);
    expect(ownerFromCgroup(`0::/kubepods.slice/kubepods-besteffort.slice/kubepods-besteffort-pod1234abcd_5678_90ab_cdef_1234567890ab.slice/cri-containerd-${id}.scope\n`))
      .toEqual({ containerId: id, pod: '1234abcd-5678-90ab-cdef-1234567890ab' });
    expect(ownerFromCgroup(`12:cpu:/docker/${id}\n`).containerId).toBe(id);
    expect(ownerFromCgroup('0::/init.scope\n')).toEqual({ containerId: null, pod: null });
  });
  it('matches interface globs', () => {
    expect(globToRegExp('lxc*').test('lxc12ab')).toBe(true);
    expect(globToRegExp('eth[0-1]').test('eth2')).toBe(false);
    expect(globToRegExp('we$ird;?').test('we$ird;x')).toBe(true);
  });
  it('hashes stably', () => {
    expect(redactToken('10.0.0.1')).toBe(redactToken('10.0.0.1'));
    expect(redactToken('10.0.0.1')).not.toContain('10.0.0.1');
  });
});
