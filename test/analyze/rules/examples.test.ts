// Every rule page's example is a real dump (or agent setting) that raises that page's rule:
// the pages quote what an operator would paste, so they must parse as tc-audit reads it.
// `<!-- example: OPTIONS -->` above the fenced block gives the flags a raw dump needs
// (--dev, --direction, --assume...); `--agent-config` means the block is system-probe.yaml.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RULE_IDS } from '../../../src/analyze/rules/ids.js';
import { CLI, ensureBuilt } from '../../helpers/cli.js';

/** Pages whose example is a situation told in words, not a dump. */
const PROSE = new Set(['bytecode-kb-mismatch', 'destructive-vendor', 'nothing-audited', 'tcx-not-visible']);
const EXAMPLE = /<!-- example: ?(.*?) -->\n```[a-z]*\n([\s\S]*?)```\n/;

let dir = '';
beforeAll(() => {
  ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), 'tcat-examples-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('rule page examples', () => {
  it.each([...RULE_IDS])('%s', (id) => {
    const page = readFileSync(`docs/rules/${id}.md`, 'utf8');
    const m = EXAMPLE.exec(page);
    if (PROSE.has(id)) {
      expect(m, `${id} is listed as prose-only`).toBeNull();
      return;
    }
    expect(m, `docs/rules/${id}.md has no <!-- example: ... --> dump`).not.toBeNull();
    const opts = m![1]!.split(' ').filter(Boolean);
    const file = join(dir, `${id}.txt`);
    writeFileSync(file, m![2]!);
    const args = opts[0] === '--agent-config'
      ? ['analyze', 'fixtures/scenarios/retina-unspec.capture', '--agent-config', file, ...opts.slice(1)]
      : ['analyze', file, ...opts];
    const r = spawnSync(process.execPath, [CLI, ...args, '--json'], { encoding: 'utf8', timeout: 30_000 });
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout) as { errors: unknown[]; findings: Array<{ ruleId: string }> };
    expect(out.errors).toEqual([]);
    expect(out.findings.map((f) => f.ruleId)).toContain(id);
  });
});
