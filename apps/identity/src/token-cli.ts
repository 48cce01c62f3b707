import { parseArgs } from 'node:util';
import { builtInAccounts, selectAccount } from './accounts';
import { CLI_CLIENT_ID, CLI_REDIRECT_URI } from './config';
import { LoginFlowError, obtainTokens } from './login-flow';

/**
 * npm run --silent token -- --role ROLE [--agency CODE]
 *
 * Prints an access token of a seeded account of the local identity provider, and nothing else on
 * stdout, so `TOKEN=$(npm run --silent token -- …)` works. It logs in as a person would (the
 * authorization code flow with PKCE, through the login form) with the client `motcua-cli`.
 * The provider is AUTH_ISSUER, which infra/local/token.sh sets from the local stack's state when
 * the user did not. Exit 2: the arguments name no single account (the message lists the choices);
 * exit 1: no token (the provider is down, or refused).
 */
const USAGE = 'usage: npm run --silent token -- --role ROLE [--agency UNIT_OR_AGENCY]';

async function main(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, options: { role: { type: 'string' }, agency: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, strict: true }));
  } catch (e) {
    return fail(2, `${e instanceof Error ? e.message : String(e)}\n${USAGE}`);
  }
  if (values.help) return fail(0, USAGE);
  if (!values.role) return fail(2, `--role is required\n${USAGE}`);
  const selected = selectAccount(builtInAccounts(), values.role, values.agency);
  if (!selected.ok) return fail(2, selected.error);

  const issuer = process.env.AUTH_ISSUER;
  if (!issuer) return fail(1, 'no identity provider: start the local stack (npm start) or set AUTH_ISSUER');
  try {
    const tokens = await obtainTokens({
      issuer,
      clientId: CLI_CLIENT_ID,
      redirectUri: CLI_REDIRECT_URI,
      username: selected.account.username,
      password: selected.account.password,
    });
    process.stdout.write(tokens.access_token + '\n');
    return 0;
  } catch (e) {
    if (e instanceof LoginFlowError) return fail(1, e.message);
    throw e;
  }
}

function fail(code: number, message: string): number {
  process.stderr.write(`token: ${message}\n`);
  return code;
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (e) => {
    process.stderr.write(`token: ${e instanceof Error ? e.stack : String(e)}\n`);
    process.exitCode = 1;
  },
);
