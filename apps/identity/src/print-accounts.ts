import { accountsTable, builtInAccounts } from './accounts';

/**
 * Prints the README's table of seeded accounts (between its seeded-accounts markers), from the
 * derivation the provider uses: npx tsx --tsconfig tsconfig.json apps/identity/src/print-accounts.ts
 */
process.stdout.write(accountsTable(builtInAccounts()) + '\n');
