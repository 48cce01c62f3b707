import * as fs from 'node:fs';
import * as path from 'node:path';
import { ACTION_NAMES, DossierStatusSchema, HTTP_ACTIONS } from '@motcua/contracts';
import { RULES } from '@motcua/dossier';
import { API_RULES } from '../../api/src/errors/api-error';

/**
 * docs/ is the project's own statement of its rules, contract and scenarios: it must name every
 * rule a refusal can carry, every HTTP action, every scenario action and every status the code
 * knows, so a rule or an action added to the code without its documentation fails here.
 */
const DOCS = path.resolve(__dirname, '../../../docs');
const read = (name: string) => fs.readFileSync(path.join(DOCS, name), 'utf8');
/** The first cells of a markdown table's rows, without their backticks. */
const firstCells = (text: string) => new Set([...text.matchAll(/^\| `([^`]+)`/gm)].map((m) => m[1].split(' ')[0]));

describe('docs/ names what the code knows', () => {
  const rules = read('rules.md');
  const contracts = read('contracts.md');
  const scenarios = read('scenarios.md');

  it('contracts.md lists every rule name of the domain and of the API in its rule table', () => {
    const listed = firstCells(contracts);
    expect([...Object.keys(RULES), ...Object.keys(API_RULES)].filter((r) => !listed.has(r))).toEqual([]);
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
