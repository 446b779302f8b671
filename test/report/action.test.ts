// action.yml: the composite action parses, and no input is pasted into a shell script
// (an input is data; `${{ inputs.x }}` inside `run:` would make it code).
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

const action = parse(readFileSync(new URL('../../action.yml', import.meta.url), 'utf8'));

describe('action.yml', () => {
  it('is a composite action with the documented inputs and outputs', () => {
    expect(action.runs.using).toBe('composite');
    expect(Object.keys(action.inputs)).toEqual(expect.arrayContaining(['command', 'paths', 'before', 'after', 'fail-on', 'sarif-file', 'step-summary', 'package']));
    expect(Object.keys(action.outputs)).toEqual(['exit-code', 'sarif-file']);
  });

  it('passes inputs through env only', () => {
    for (const step of action.runs.steps) if (step.run) expect(step.run).not.toContain('${{');
  });
});
