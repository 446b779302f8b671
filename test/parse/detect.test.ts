import { describe, expect, test } from 'vitest';
import { detectFormat } from '../../src/parse/detect.js';
import { parseInput } from '../../src/parse/index.js';
import { NO_DEFAULTS, realDump, realDumpNames, recorded } from './fixtures.js';

const expected: Record<string, string | null> = {
  '013': 'bpftool-net-text', '014': 'bpftool-net-json', '015': 'bpftool-net-text', '018': 'tc-text', '019': 'tc-text',
  '029': 'tc-text', '030': 'tc-text', '031': 'tc-text', '032': null, '033': 'tc-text', '034': 'tc-text', '038': 'tc-text',
};

describe('detectFormat', () => {
  test.each(realDumpNames())('published %s', (name) => {
    expect(detectFormat(realDump(name)).format).toBe(expected[name.slice(0, 3)]);
  });
  test.each([
    ['a-v0-ingress.tc.txt', 'tc-text'], ['a-v0-ingress.tc.json', 'tc-json'], ['a-bpftool-net.txt', 'bpftool-net-text'],
    ['a-bpftool-net.json', 'bpftool-net-json'], ['capture.txt', 'capture'],
  ])('recorded %s', (name, fmt) => {
    expect(detectFormat(recorded(name)).format).toBe(fmt);
  });
  test('empty, binary and unknown inputs say what is accepted', () => {
    expect(detectFormat('  \n').error).toMatch(/empty/);
    expect(detectFormat('ELF\u0000\u0001').error).toMatch(/NUL bytes.*tc-text, tc-json/);
    expect(detectFormat('hello\nworld\n').error).toMatch(/unrecognised input; accepted formats: tc-text/);
    expect(detectFormat('[]').format).toBe('tc-json');
    expect(detectFormat('{"bundleVersion":1}').format).toBe('bundle');
  });
  test("tc-audit's own JSON (a report, a diff, a cluster answer) is named as such, not read as a tc -j dump", () => {
    expect(detectFormat('{\n  "schemaVersion": 1,\n  "tool": {\n    "name": "tc-audit",\n    "version": "0.1.0"\n  },\n  "nodes": [{"kind": "bpf"}]\n}').error)
      .toMatch(/^this is a tc-audit report \(--json\), not an input: .*tc-audit collect -o FILE/);
    expect(detectFormat('{"schemaVersion":1,"kind":"diff","worse":false}').error).toMatch(/^this is a tc-audit diff, not an input/);
    expect(detectFormat('{\n  "mode": "fleet",\n  "agent": {}\n}').error).toMatch(/^this is a tc-audit cluster answer, not an input/);
    // A bundle carries tc-audit's name too, and is an input.
    expect(detectFormat('{"bundleVersion":1,"tool":{"name":"tc-audit"}}').format).toBe('bundle');
  });
  test('UTF-16 text (as PowerShell writes it) is named as such, with the fix', () => {
    const dump = 'filter protocol all pref 1 bpf chain 0 \n';
    for (const bytes of [Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(dump, 'utf16le')]), Buffer.from(dump, 'utf16le')]) {
      expect(detectFormat(bytes.toString('utf8')).error).toMatch(/^the file looks like UTF-16 text; convert it first \(iconv -f UTF-16 -t UTF-8 FILE\)/);
    }
    expect(detectFormat('ELF\u0000\u0001\u0002junk and more junk here').error).toMatch(/^the file contains NUL bytes/);
  });
  test('a 100 MB single line is refused with a bounded, clear message', () => {
    const huge = 'a'.repeat(100 * 1024 * 1024);
    const r = parseInput(huge, 'huge', NO_DEFAULTS);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]?.message).toMatch(/single line of 104857600 characters.*65536/);
  });
  test('a first line over the line limit is refused with the same message, newline or not', () => {
    expect(detectFormat(`${'a'.repeat(70_000)}\n`).error).toMatch(/first line has 70000 characters and is not JSON; lines over 65536/);
  });
  test('JSON under `# ` note lines is JSON, and its errors keep the file\'s line numbers', () => {
    const json = recorded('a-v0-ingress.tc.json');
    const noted = `# saved from node-3\n#\n# tc -j filter show dev v0 ingress\n${json}`;
    expect(detectFormat(noted).format).toBe('tc-json');
    const r = parseInput(noted, 'n', { ...NO_DEFAULTS, device: 'v0', direction: 'ingress' });
    expect(r.errors).toEqual([]);
    expect(r.observations[0]?.legacy?.filters.map((f) => f.source?.line)).toEqual(
      parseInput(json, 'n', { ...NO_DEFAULTS, device: 'v0', direction: 'ingress' }).observations[0]?.legacy?.filters.map((f) => (f.source?.line ?? 0) + 3));
    // bpftool's documented example has a trailing comma: the error names the file's line.
    const bad = parseInput('# from the bpftool docs\n[{"xdp": [],\n"tc": [],\n}]\n', 'b', NO_DEFAULTS);
    expect(bad.errors.map((e) => e.line)).toEqual([4]);
    // A capture's `#` header lines are notes too, but its `###` markers are not.
    expect(detectFormat(`# tc-audit capture from n\n### tc-audit capture v1 node=n netns=x dev=a hook=bpftool-net-json ###\n[]\n`).format).toBe('capture');
  });
  test('`tc qdisc show` lines above a filter dump: the dump is read, the qdisc lines reported', () => {
    const text = 'qdisc clsact ffff: parent ffff:fff1\nfilter protocol all pref 1 bpf chain 0 handle 0x1 x.o:[tc] direct-action id 5\n';
    expect(detectFormat(text).format).toBe('tc-text');
    const r = parseInput(text, 'q', { ...NO_DEFAULTS, device: 'v0', direction: 'ingress' });
    expect(r.errors).toEqual([{ file: 'q', line: 1, message: 'a `tc qdisc show` line, not a filter: not read' }]);
    expect(r.observations[0]?.legacy?.filters.map((f) => f.pref)).toEqual([1]);
    // Only qdisc lines: still the message that says what this is.
    expect(detectFormat('qdisc clsact ffff: parent ffff:fff1\n').error).toMatch(/looks like `tc qdisc show` output/);
  });
  test('a dump after a long preamble is found (the whole head is looked at)', () => {
    const text = `${'some note\n'.repeat(1000)}filter protocol all pref 1 bpf chain 0 handle 0x1 x.o:[tc] direct-action id 5\n`;
    expect(detectFormat(text).format).toBe('tc-text');
    expect(parseInput(text, 'p', NO_DEFAULTS).errors).toHaveLength(1000);
  });
  test('old Mac line ends (a CR alone) end lines, not one line of run-together tokens', () => {
    const lf = recorded('a-v0-ingress.tc.txt');
    const cr = lf.replace(/\n/g, '\r');
    const dflt = { ...NO_DEFAULTS, device: 'v0', direction: 'ingress' as const };
    const a = parseInput(lf, 'f', dflt);
    const b = parseInput(cr, 'f', dflt);
    expect(b.errors).toEqual(a.errors);
    expect(b.observations).toEqual(a.observations);
  });
  test('a huge line inside a tc dump is capped and reported, the rest parses', () => {
    const text = `filter protocol all pref 1 bpf chain 0 handle 0x1 a.o:[s] direct-action\n${'x'.repeat(70_000)}\n`;
    const r = parseInput(text, 'f', NO_DEFAULTS);
    expect(r.errors.every((e) => e.line === 2)).toBe(true);
    expect(r.errors.some((e) => /only the first 65536/.test(e.message))).toBe(true);
    expect(r.observations[0]?.legacy?.filters).toHaveLength(1);
  });
});

describe('files grabbed by mistake', () => {
  test.each([
    ['\u007fELF\u0002\u0001\u0001\u0000\u0000\u0000', 'an ELF file'],
    ['\u001f\u008b\u0008\u0000\u0000\u0000', 'gzip-compressed: decompress it first'],
    ['\u001f\ufffd\u0008\u0000', 'gzip-compressed'],
    ['PK\u0003\u0004\u0014\u0000', 'a zip archive'],
  ])('%j names what it is', (text, said) => {
    const d = detectFormat(text);
    expect(d.format).toBeNull();
    expect(d.error).toContain(said);
  });
});
