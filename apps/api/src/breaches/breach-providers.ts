import type { Provider } from '@nestjs/common';
import type { StoreSchema } from '@motcua/store';
import type { Kysely } from 'kysely';
import type { ApiConfig } from '../config/api-config';
import { Clock } from '../dossiers/clock';
import { logLine } from '../logging/json-logger';
import { readBreachBoard } from './breach-board';
import { BreachFeed } from './breach-feed';
import { BREACH_FEED, READ_MODEL, STREAM_OPTIONS, STREAM_TICKETS } from './breach.tokens';
import { StreamTickets } from './stream-ticket';

/** The live breach board's parts: one feed and one ticket key per API process. */
export function breachProviders(config: ApiConfig): Provider[] {
  return [
    { provide: STREAM_OPTIONS, useValue: config.stream },
    { provide: STREAM_TICKETS, useFactory: () => new StreamTickets(config.stream.ticketTtlMs) },
    {
      provide: BREACH_FEED,
      useFactory: (db: Kysely<StoreSchema> | null, clock: Clock) =>
        new BreachFeed(async () => (db ? readBreachBoard(db, clock.now()) : []), {
          intervalMs: config.stream.feedIntervalMs,
          keep: 1000,
          onError: (e) => logLine('warn', 'the breach board cannot read the read model', { error: e instanceof Error ? e.message : String(e) }),
        }),
      inject: [READ_MODEL, Clock],
    },
  ];
}
