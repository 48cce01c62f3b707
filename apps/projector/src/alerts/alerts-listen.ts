import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { parseWebhookSecrets } from '@motcua/standard-webhooks';
import { createAlertReceiver } from './alert-receiver';

/**
 * npm run alerts:listen [-- --port N]
 *
 * A local receiver of the projector's alerts (README "Alerts out of the page"): each near-due or
 * overdue alert whose signature verifies with ALERT_WEBHOOK_SECRET is printed on stdout as one
 * JSON line; a request with a bad signature is refused (401) and said on stderr. Without
 * ALERT_WEBHOOK_SECRET it makes one and prints the `npm start` line that uses it. The secret is
 * read from the environment only: on a command line it would show in the process list.
 */
const USAGE = 'usage: [ALERT_WEBHOOK_SECRET=whsec_…] npm run alerts:listen [-- --port N] (default 3300, on 127.0.0.1)';

function main(argv: string[]): void {
  const { values } = parseArgs({ args: argv, options: { port: { type: 'string', default: '3300' }, help: { type: 'boolean', short: 'h' } }, strict: true });
  if (values.help) {
    process.stderr.write(`${USAGE}\n`);
    return;
  }
  const port = Number(values.port);
  if (!/^\d+$/.test(values.port) || port > 65535) throw new Error(`--port: "${values.port}" is not a TCP port`);
  const given = process.env.ALERT_WEBHOOK_SECRET?.trim();
  const secret = given || `whsec_${randomBytes(32).toString('base64')}`;
  try {
    if (parseWebhookSecrets(secret).length !== 1) throw new Error('one secret');
  } catch {
    // The projector refuses the same (alertWebhookFromEnv).
    throw new Error('ALERT_WEBHOOK_SECRET is not one whsec_<base64 of at least 24 bytes>');
  }
  const server = createAlertReceiver({
    secret,
    onAlert: (alert) => process.stdout.write(JSON.stringify(alert) + '\n'),
    onRefused: (status, reason) => process.stderr.write(`alerts:listen: refused (${status}): ${reason}\n`),
  });
  server.once('error', (e) => {
    process.stderr.write(`alerts:listen: ${e.message}\n`);
    process.exitCode = 1;
  });
  server.listen(port, '127.0.0.1', () => {
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    process.stderr.write(`alerts:listen: listening on ${url}, one JSON line per alert on stdout\n`);
    process.stderr.write(
      given
        ? `alerts:listen: start the system with ALERT_WEBHOOK_URL=${url} and the same ALERT_WEBHOOK_SECRET\n`
        : `alerts:listen: no ALERT_WEBHOOK_SECRET given, this run's is made up; start the system with\n  ALERT_WEBHOOK_URL=${url} ALERT_WEBHOOK_SECRET=${secret} npm start\n`,
    );
  });
  const stop = () => server.close(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

try {
  main(process.argv.slice(2));
} catch (e) {
  process.stderr.write(`alerts:listen: ${e instanceof Error ? e.message : String(e)}\n${USAGE}\n`);
  process.exitCode = 2;
}
