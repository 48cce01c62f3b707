import { builtInAccounts } from './accounts';
import { identityConfigFromEnv } from './config';
import { loadOrCreateSigningKeys } from './keys';
import { createIdentityServer, type Log } from './server';

/** One JSON object per line on stderr, as the API and the worker log (stdout stays free). */
const log: Log = (level, msg, fields = {}) => {
  process.stderr.write(JSON.stringify({ time: new Date().toISOString(), level, service: 'identity', msg, ...fields }) + '\n');
};

/**
 * The local identity provider (npm start, npm test; never production, see infra/production/README.md).
 * IDP_PORT (3200) on 127.0.0.1, issuer http://127.0.0.1:<port>, signing key in IDP_STATE_DIR.
 */
async function main() {
  const config = identityConfigFromEnv();
  const { keys, created } = loadOrCreateSigningKeys(config.stateDir);
  if (created) log('info', 'generated the signing key', { file: `${config.stateDir}/jwks.json` });
  const idp = createIdentityServer(config, builtInAccounts(), keys, log);
  await idp.listen();
  const stop = () => {
    idp.server.closeAllConnections();
    void idp.close().then(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  log('info', 'identity started', { issuer: config.issuer, accounts: builtInAccounts().length, webRedirectUris: config.webRedirectUris });
}

main().catch((e) => {
  log('error', 'identity failed to start', { error: e instanceof Error ? e.stack : String(e) });
  process.exit(1);
});
