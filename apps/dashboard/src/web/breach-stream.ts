import type { Session } from './auth';
import { LiveFeed, type FeedState } from './live-feed';

/** A line of the breach board as the API sends it (apps/api/src/breaches/breach-board.ts). */
export interface BreachLine {
  key: string;
  code: string;
  scope: 'DOSSIER' | 'STAGE';
  state: 'NEAR_DUE' | 'OVERDUE';
  unit: string;
  channel: string | null;
  procedureCode: string;
  procedureName: string | null;
  stage: number | null;
  agencies: string[];
  dueAt: number;
  newAppointment: number | null;
  apology: 'MADE' | 'MADE_LATE' | 'MISSED' | 'NONE';
}

export interface StreamHandlers {
  snapshot(lines: BreachLine[], serverNow: number): void;
  delta(upsert: BreachLine[], remove: string[], serverNow: number): void;
  /** `serverNow`: the API's clock at the last event or heartbeat. */
  status(state: FeedState, serverNow?: number): void;
  /** The session's token was refused: log in again. */
  unauthorized(): void;
}

/** The breach board's live feed (GET /api/v1/stream/breaches): a snapshot of its lines, then what changed. */
export class BreachStream extends LiveFeed<{ at: number; rows: BreachLine[] }, { at: number; upsert: BreachLine[]; remove: string[] }> {
  constructor(session: () => Session | null, on: StreamHandlers) {
    super('/api/v1/stream/breaches', session, {
      snapshot: (d) => on.snapshot(d.rows, d.at),
      delta: (d) => on.delta(d.upsert, d.remove, d.at),
      status: (state, at) => on.status(state, at),
      unauthorized: () => on.unauthorized(),
    });
  }
}
