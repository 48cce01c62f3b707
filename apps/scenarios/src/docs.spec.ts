import * as fs from 'node:fs';
import * as path from 'node:path';
import { ACTION_NAMES, DossierStatusSchema, HTTP_ACTIONS } from '@motcua/contracts';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { refusal, RULES, type RuleCode } from '@motcua/dossier';
import { API_RULES, badRequest, keyReused, ruleViolation } from '../../api/src/errors/api-error';
import { fromTemporalError } from '../../api/src/errors/temporal-errors';
import { RULE_VIOLATION } from '../../api/src/temporal/dossier-workflow';

/**
 * docs/ is the project's own statement of its rules, contract and scenarios: it must name every
 * rule a refusal can carry, every HTTP action, every scenario action and every status the code
 * knows, so a rule or an action added to the code without its documentation fails here.
 */
const DOCS = path.resolve(__dirname, '../../../docs');
const read = (name: string) => fs.readFileSync(path.join(DOCS, name), 'utf8');
/** The first cells of a markdown table's rows, without their backticks. */
const firstCells = (text: string) => new Set([...text.matchAll(/^\| `([^`]+)`/gm)].map((m) => m[1].split(' ')[0]));

/**
 * Rules that workflows raise themselves, outside the domain's `decide` (the code allocator's
 * `DOSSIER_CODE.DAY_EXHAUSTED`): the `rule: '…'` literals of the workflow sources.
 */
function workflowRules(): string[] {
  const dir = path.resolve(__dirname, '../../../workflows/src');
  const sources = (fs.readdirSync(dir, { recursive: true }) as string[]).filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts'));
  const rules = sources.flatMap((f) => [...fs.readFileSync(path.join(dir, f), 'utf8').matchAll(/\brule: '([A-Z_]+\.[A-Z_]+)'/g)].map((m) => m[1]));
  return [...new Set(rules)].sort();
}

/** contracts.md's rule table (header `| rule | HTTP | …`): each rule with its HTTP cell. */
function ruleStatuses(text: string): Map<string, string> {
  const lines = text.split('\n');
  const header = lines.findIndex((l) => /^\| rule \| HTTP \|/.test(l));
  const rows = new Map<string, string>();
  for (const line of lines.slice(header + 2)) {
    const row = /^\| `([^`]+)` \| ([^|]+?) \|/.exec(line);
    if (!row) break;
    rows.set(row[1], row[2]);
  }
  return rows;
}

/** Rules a refusal over HTTP never carries (`—` in the table). */
const INTERNAL_RULES = ['LIFECYCLE.ALREADY_REGISTERED'];
/** The status each API rule is answered with, as the API raises it (a new API rule must be added here). */
const API_RULE_STATUS: Record<keyof typeof API_RULES, number> = {
  'CATALOG.UNKNOWN_PROCEDURE': badRequest('').status,
  'CATALOG.UNKNOWN_UNIT': badRequest('').status,
  'UNIT.RESERVED_FOR_SIMULATION': badRequest('').status,
  'LIFECYCLE.DOSSIER_CLOSED': ruleViolation('', '').status,
  'IDEMPOTENCY.KEY_REUSED': keyReused('').status,
  'DOSSIER_CODE.ALLOCATOR_CLOSED': 503,
  'AUTH.TOKEN_MISSING': 401,
  'AUTH.TOKEN_INVALID': 401,
  'AUTH.TICKET_INVALID': 401,
  'AUTH.ISSUER_UNREACHABLE': 503,
  'ACCESS.MAY_NOT_READ': 403,
  'ACCESS.RESERVED_ID': 403,
  'ACCESS.AUDITORS_ONLY': 403,
  'ACCESS.REPORTS_ONLY': 403,
  'REPORT.BAD_DATE': badRequest('').status,
  'REPORT.PERIOD_REVERSED': badRequest('').status,
  'LOOKUP.RATE_LIMITED': 429,
  'FORMS.UNKNOWN_FORM': 404,
  'FORMS.NOT_APPLICABLE': ruleViolation('', '').status,
  'POSTAL.PICKUP_ADDRESS_MISSING': badRequest('').status,
  'POSTAL.WEBHOOK_NOT_CONFIGURED': 503,
  'POSTAL.SIGNATURE_HEADERS_MISSING': 401,
  'POSTAL.TIMESTAMP_OUT_OF_TOLERANCE': 401,
  'POSTAL.SIGNATURE_INVALID': 401,
  'POSTAL.WEBHOOK_ID_MISMATCH': badRequest('').status,
  'POSTAL.OCCURRED_IN_FUTURE': badRequest('').status,
  'POSTAL.EVENT_ID_REUSED': 422,
  'POSTAL.EVENT_IN_FLIGHT': 409,
  'WORKBENCH.BAD_QUERY': badRequest('').status,
};

describe('docs/ names what the code knows', () => {
  const rules = read('rules.md');
  const contracts = read('contracts.md');
  const scenarios = read('scenarios.md');

  it('contracts.md lists every rule name of the domain and of the API in its rule table', () => {
    const listed = firstCells(contracts);
    expect([...Object.keys(RULES), ...Object.keys(API_RULES)].filter((r) => !listed.has(r))).toEqual([]);
  });

  it('contracts.md lists the rules workflows raise themselves (the code allocator\'s)', () => {
    const listed = firstCells(contracts);
    expect(workflowRules()).toContain('DOSSIER_CODE.DAY_EXHAUSTED');
    expect(workflowRules().filter((r) => !listed.has(r))).toEqual([]);
  });

  it('contracts.md gives each rule the HTTP status the code answers it with', () => {
    // A refusal of the domain reaches the client as a RuleViolation the API answers by its kind
    // (FORBIDDEN 403, NOT_FOUND 404, else 409): asked here of the API's own mapping. A workflow's
    // own refusal carries no kind (409); the API's own rules carry the status the API raises them
    // with (IDEMPOTENCY.KEY_REUSED: 422).
    const byKind = (rule: RuleCode) =>
      String(fromTemporalError(new WorkflowUpdateFailedError('refused', ApplicationFailure.nonRetryable('refused', RULE_VIOLATION, refusal(rule, ''))))!.status);
    const expected = new Map<string, string>([
      // A command the workflow cannot parse is answered 400 (apps/api/src/errors/temporal-errors.ts).
      ...(Object.keys(RULES) as RuleCode[]).map((r): [string, string] => [r, INTERNAL_RULES.includes(r) ? '—' : r === 'COMMAND.MALFORMED' ? '400' : byKind(r)]),
      ...workflowRules().map((r): [string, string] => [r, String(ruleViolation('', '').status)]),
      ...Object.entries(API_RULE_STATUS).map(([r, status]): [string, string] => [r, String(status)]),
    ]);
    const documented = ruleStatuses(contracts);
    expect(documented.get('IDEMPOTENCY.KEY_REUSED')).toBe('422');
    expect(documented.get('ACCESS.ROLE_MAY_NOT')).toBe('403');
    expect([...expected].filter(([rule, status]) => documented.get(rule) !== status).map(([rule, status]) => `${rule}: ${documented.get(rule)}, expected ${status}`)).toEqual([]);
  });

  it('contracts.md has a row for every action served over HTTP', () => {
    const listed = firstCells(contracts);
    expect(HTTP_ACTIONS.filter((a) => !listed.has(a))).toEqual([]);
  });

  it('scenarios.md and rules.md have a row for every scenario action', () => {
    const inScenarios = firstCells(scenarios);
    const inRules = firstCells(rules);
    expect([...ACTION_NAMES, 'observe'].filter((a) => !inScenarios.has(a))).toEqual([]);
    expect(ACTION_NAMES.filter((a) => !inRules.has(a))).toEqual([]);
  });

  it('rules.md describes every status', () => {
    const listed = firstCells(rules);
    expect(DossierStatusSchema.options.filter((s) => !listed.has(s))).toEqual([]);
  });

  it('links between the documents point at files that exist', () => {
    for (const [name, text] of [['rules.md', rules], ['contracts.md', contracts], ['scenarios.md', scenarios]]) {
      for (const [, target] of text.matchAll(/\]\(([^)#:]+)(#[^)]*)?\)/g)) {
        expect([name, target, fs.existsSync(path.join(DOCS, target))]).toEqual([name, target, true]);
      }
    }
  });
});
