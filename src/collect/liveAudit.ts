// Live collection -> the lead's audit(). Kept apart from the yargs handler so tests and
// self-test run the same pipeline the CLI runs.
import type { AgentSettings } from '../agent/types.js';
import { audit } from '../analyze/audit.js';
import type { Assumptions } from '../analyze/contracts.js';
import type { AuditResult } from '../model/result.js';
import type { ParseError } from '../parse/types.js';
import type { LiveCollection } from './live.js';

export function auditCollection(c: LiveCollection, agent: AgentSettings, assume: Assumptions, extraErrors: ParseError[] = []): AuditResult {
  return audit([c.snapshot], {
    agent,
    mode: 'live',
    assume,
    errors: [...extraErrors, ...c.errors],
    notes: c.notes,
    inputs: c.scope,
  });
}
