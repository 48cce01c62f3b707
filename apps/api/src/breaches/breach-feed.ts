import { LiveFeed, type FeedChange } from '../live/live-feed';
import type { BreachRow } from './breach-board';

/** The breach board of this API process, live (live-feed.ts). */
export class BreachFeed extends LiveFeed<BreachRow> {}

export type BoardChange = FeedChange<BreachRow>;
