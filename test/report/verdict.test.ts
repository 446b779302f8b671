import { describe, expect, it } from 'vitest';
import { actionHeadline, overallVerdict } from '../../src/report/verdict.js';
import { recommendation } from '../helpers/analysisBuilders.js';

describe('verdict line and headline', () => {
  it('is never PASS beside an answer other than keep', () => {
    expect(overallVerdict([], recommendation('keep'))).toBe('PASS');
    expect(overallVerdict([], recommendation('unknown'))).toBe('WARN');
    expect(overallVerdict([], recommendation('disable-network'))).toBe('WARN');
  });
  it('says there is nothing to set when network detection is off', () => {
    expect(actionHeadline({ ...recommendation('keep'), classifierPriority: null })).toBe('Nothing to set: network detection is disabled, so the agent attaches no classifiers.');
    expect(actionHeadline(recommendation('keep', 10))).toBe('Keep the current classifier priority (10).');
    // keep with snippets: safe, but not applied yet.
    expect(actionHeadline({ ...recommendation('keep', 3), snippets: recommendation('set-priority', 3).snippets })).toBe('Keep classifier priority 3, which is safe, and apply it: the agent does not run at it yet.');
  });
});
