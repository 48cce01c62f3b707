import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { apiConfigFromEnv, DEV_APPLICANT_REF_SECRET } from './api-config';

const REAL = 'k7Qw0vX2pL9sN4eR8tY1uI6oP3aS5dF7'; // 32 characters

describe('the applicant reference key (APPLICANT_REF_SECRET)', () => {
  const refusal = (env: NodeJS.ProcessEnv) => {
    try {
      apiConfigFromEnv(env);
      return 'started';
    } catch (e) {
      return (e as Error).message;
    }
  };

  it('is refused when missing, public (the repository\'s dev key) or shorter than 32 characters, without quoting it', () => {
    expect(refusal({})).toMatch(/^APPLICANT_REF_SECRET is not set: set a random secret of at least 32 characters/);
    expect(refusal({ APPLICANT_REF_SECRET: DEV_APPLICANT_REF_SECRET })).toMatch(/^APPLICANT_REF_SECRET is the development key published in the repository/);
    const short = REAL.slice(0, 31);
    expect(refusal({ APPLICANT_REF_SECRET: short })).toMatch(/^APPLICANT_REF_SECRET is shorter than 32 characters/);
    expect(refusal({ APPLICANT_REF_SECRET: short })).not.toContain(short);
    expect(refusal({ MOTCUA_DEV_INSECURE_KEYS: 'true' })).toMatch(/is not set/);
  });

  it('is used as given from 32 characters on', () => {
    expect(apiConfigFromEnv({ APPLICANT_REF_SECRET: REAL })).toMatchObject({ applicantRefSecret: REAL, insecureKeys: false });
  });

  it('falls back to the dev key only in explicit dev mode (MOTCUA_DEV_INSECURE_KEYS=1), and says so', () => {
    expect(apiConfigFromEnv({ MOTCUA_DEV_INSECURE_KEYS: '1' })).toMatchObject({ applicantRefSecret: DEV_APPLICANT_REF_SECRET, insecureKeys: true });
    expect(apiConfigFromEnv({ MOTCUA_DEV_INSECURE_KEYS: '1', APPLICANT_REF_SECRET: 'short' })).toMatchObject({ applicantRefSecret: 'short', insecureKeys: true });
    expect(apiConfigFromEnv({ MOTCUA_DEV_INSECURE_KEYS: '1', APPLICANT_REF_SECRET: REAL })).toMatchObject({ insecureKeys: false });
  });

  it('keeps the API process from starting without one: one JSON error line, exit 1, before any server is reached', () => {
    const root = path.resolve(__dirname, '../../../..');
    const run = spawnSync(path.join(root, 'node_modules/.bin/tsx'), [path.join(root, 'apps/api/src/main.ts')], {
      cwd: root,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, API_PORT: '0', TEMPORAL_ADDRESS: '127.0.0.1:9', KAFKA_BROKERS: '127.0.0.1:9' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.status).toBe(1);
    const lines = run.stderr.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toEqual([expect.objectContaining({ level: 'error', service: 'api', msg: 'api failed to start', error: expect.stringContaining('APPLICANT_REF_SECRET is not set') })]);
  });
});
