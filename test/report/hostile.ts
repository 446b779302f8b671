// fast-check arbitraries for text a hostile or broken dump can put into names and
// messages: XML/CDATA terminators, GitHub command separators, control and non-ASCII.
import fc from 'fast-check';
import type { AuditResult } from '../../src/model/result.js';
import { sampleResult } from './sample.js';

const NASTY = [']]>', '<', '>', '&', '"', "'", '%', '\n', '\r', '\r\n', '::', ',', ':', '\u0000', '\u0007', '\u001b[31m', '\u0085', '\u2028', '\ud83d\ude00', 'é', '\ufffe', '`', '|', '[', ']', '"]', '-->'];

export const hostileString = (): fc.Arbitrary<string> =>
  fc.array(fc.oneof(fc.constantFrom(...NASTY), fc.string({ unit: 'grapheme', maxLength: 5 }), fc.string({ unit: 'binary', maxLength: 5 })), { maxLength: 8 })
    .map((parts) => parts.join(''));

/** The sample result with every untrusted string replaced by hostile text. */
export const hostileResult = (): fc.Arbitrary<AuditResult> =>
  fc.record({ name: hostileString(), dev: hostileString(), msg: hostileString(), file: hostileString(), prog: hostileString(), netns: hostileString() })
    .map(({ name, dev, msg, file, prog, netns }) => {
      const r = sampleResult();
      const node = r.analysis.nodes[0]!;
      node.name = name;
      for (const h of node.hooks) { h.node = name; h.device = `${dev}${h.device}`; h.netns = netns; }
      const f0 = node.hooks[0]!.filters![0]!;
      f0.filter.program = { id: 12, name: prog, tag: null };
      f0.filter.source = { file, line: 3 };
      for (const f of r.findings) {
        f.node = name; f.message = `${msg} ${f.message}`; f.remediation = msg;
        if (f.interface !== null) { f.interface = `${dev}${f.interface}`; f.netns = netns; }
        f.source = f.source ? { file, line: f.source.line } : null;
      }
      r.errors = [{ file, line: 2, message: msg }, { file, line: null, message: msg }];
      r.recommendation.reasons = [msg];
      return r;
    });
