import * as fs from 'node:fs';
import * as path from 'node:path';
import { accountsTable, builtInAccounts } from './accounts';

/** The README's table of seeded accounts is the derivation's, account for account. */
const README = fs.readFileSync(path.resolve(__dirname, '../../../README.md'), 'utf8');

describe('README "Log in and call the API"', () => {
  it('lists every seeded account with its password, role and unit or agency (regenerate: apps/identity/src/print-accounts.ts)', () => {
    const section = /<!-- seeded-accounts:begin -->\n([\s\S]*?)\n<!-- seeded-accounts:end -->/.exec(README);
    expect(section?.[1]).toBe(accountsTable(builtInAccounts()));
  });

  it('shows how to get a token and call the API with it', () => {
    expect(README).toContain('TOKEN=$(npm run --silent token -- --role ONE_STOP_OFFICER --agency 000.00.00.H26)');
    expect(README).toContain('curl -s -H "Authorization: Bearer $TOKEN" ');
  });
});
