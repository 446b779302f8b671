// Progress (namespaces done / total) goes to stderr only when stderr is a terminal and not
// with --quiet. `script` gives the CLI a real pseudo-terminal.
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CLI } from '../helpers/cli.js';
import { describeLive } from '../helpers/live.js';
import { createNetns, deleteNetns } from '../helpers/netns.js';

describeLive('progress on a terminal', () => {
  let ns = '';
  beforeAll(() => { ns = createNetns('prog'); });
  afterAll(() => deleteNetns(ns));

  const inTerminal = (extra: string) =>
    spawnSync('script', ['-qec', `${process.execPath} ${CLI} --netns ${ns} -f json -o /dev/null ${extra}`, '/dev/null'], { encoding: 'utf8', timeout: 60_000 });

  it('shows namespaces done / total and clears the line', () => {
    const r = inTerminal('');
    expect(r.stdout).toContain('tc-audit: namespaces 1/1');
    expect(r.stdout).toContain('\r\x1b[K');
  });
  it('is silent with --quiet', () => {
    expect(inTerminal('--quiet').stdout).not.toContain('namespaces');
  });
  it('is silent when stderr is not a terminal', () => {
    const r = spawnSync(process.execPath, [CLI, '--netns', ns, '-f', 'json', '-o', '/dev/null'], { encoding: 'utf8' });
    expect(r.stderr).not.toContain('namespaces');
  });
});
