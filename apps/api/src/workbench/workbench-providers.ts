import type { Provider } from '@nestjs/common';
import type { StoreSchema } from '@motcua/store';
import type { Kysely } from 'kysely';
import { READ_MODEL } from '../breaches/breach.tokens';
import type { ApiConfig } from '../config/api-config';
import { Clock } from '../dossiers/clock';
import { LiveFeed } from '../live/live-feed';
import { logLine } from '../logging/json-logger';
import { readWorkbenchQueue } from './workbench-queue';
import type { WorkbenchItem } from './workbench-schemas';
import { WORKBENCH_FEED } from './workbench.tokens';

/** The live workbench queue: every holder's lines, read once for all listening pages, narrowed per reader. */
export function workbenchProviders(config: ApiConfig): Provider[] {
  return [
    {
      provide: WORKBENCH_FEED,
      useFactory: (db: Kysely<StoreSchema> | null, clock: Clock) =>
        new LiveFeed<WorkbenchItem>(async () => (db ? readWorkbenchQueue(db, clock.now(), { kind: 'ALL' }) : []), {
          intervalMs: config.stream.feedIntervalMs,
          keep: 1000,
          onError: (e) => logLine('warn', 'the workbench queue cannot read the read model', { error: e instanceof Error ? e.message : String(e) }),
        }),
      inject: [READ_MODEL, Clock],
    },
  ];
}
