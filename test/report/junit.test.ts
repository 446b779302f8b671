import fc from 'fast-check';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { formatJunit } from '../../src/report/junit.js';
import { DEFAULT_FORMAT_OPTIONS } from '../../src/report/types.js';
import { cdata, xmlAttr } from '../../src/report/xml.js';
import { hostileResult } from './hostile.js';
import { cleanResult, sampleResult } from './sample.js';

const parser = new XMLParser({
  ignoreAttributes: false, attributeNamePrefix: '', processEntities: true, htmlEntities: true, trimValues: false,
  isArray: (name) => ['testsuite', 'testcase', 'failure', 'error', 'property'].includes(name),
});
const parse = (xml: string) => {
  expect(XMLValidator.validate(xml)).toBe(true);
  return parser.parse(xml).testsuites;
};
// Characters XML 1.0 forbids even as references.
const ILLEGAL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/;

describe('junit', () => {
  it('has a suite per node, a case per hook and a failure per error finding', () => {
    const root = parse(formatJunit(sampleResult(), DEFAULT_FORMAT_OPTIONS));
    const [node, inputs] = root.testsuite;
    expect(node.name).toBe('node-a');
    expect(node.testcase.map((c: { classname: string; name: string }) => `${c.classname} ${c.name}`)).toEqual([
      'node-a.inode:4026532001 lxc1 ingress', 'node-a.host eth0 ingress', 'node-a.host eth0 egress',
      'node-a.host lo ingress', 'node-a (whole node)',
    ]);
    expect(node.tests).toBe('5');
    expect(node.failures).toBe('1');
    const lxc = node.testcase[0];
    expect(lxc.failure).toHaveLength(1);
    expect(lxc.failure[0].type).toBe('terminal-at-pref-1');
    expect(lxc.failure[0]['#text']).toContain('dumps/node-a.tc.txt:3');
    expect(node.testcase[1]['system-out']).toContain('WARNING terminal-tcx');
    expect(node.testcase[1].failure).toBeUndefined();
    expect(node.property ?? node.properties.property).toContainEqual({ name: 'recommendation', value: 'disable-network' });
    expect(inputs.name).toBe('tc-audit inputs');
    expect(inputs.testcase[0].error[0].message).toBe('expected "filter", got "qdisc"');
    expect(root.failures).toBe('1');
  });

  it('is a passing run when clean', () => {
    const root = parse(formatJunit(cleanResult(), DEFAULT_FORMAT_OPTIONS));
    expect(root.failures).toBe('0');
    expect(root.testsuite).toHaveLength(1);
  });

  it('guards CDATA and escapes attributes', () => {
    expect(cdata('a]]>b')).toBe('<![CDATA[a]]]]><![CDATA[>b]]>');
    expect(xmlAttr('<"&\'\n>')).toBe('&lt;&quot;&amp;&apos;&#10;&gt;');
  });

  it('round-trips hostile names and messages as well-formed XML', () => {
    fc.assert(fc.property(hostileResult(), (r) => {
      const xml = formatJunit(r, DEFAULT_FORMAT_OPTIONS);
      expect(ILLEGAL.test(xml)).toBe(false);
      const root = parse(xml);
      const failure = root.testsuite[0].testcase[0].failure[0];
      // Text legal in XML survives unchanged (parser normalises CR/LF in text content).
      const legal = (s: string) => /^[^\u0000-\u001f\ufffe\uffff\ud800-\udfff]*$/.test(s);
      if (legal(r.findings[0]!.message)) expect(failure.message).toBe(r.findings[0]!.message);
      expect(root.testsuite[0].testcase).toHaveLength(5);
    }), { numRuns: 150 });
  });
});
