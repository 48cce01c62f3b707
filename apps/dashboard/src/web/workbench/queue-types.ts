/** GET /api/v1/workbench/queue: one page of the dossiers the caller's unit or agency holds now. */
export interface QueuePage {
  total: number;
  page: number;
  pageSize: number;
  items: QueueItem[];
}

export interface QueueItem {
  code: string;
  procedure: { code: string; name: string | null };
  status: string;
  channel: string | null;
  holder: { kind: string; id: string } | null;
  stage: number | null;
  /** Mine: the stage's deadline; the unit's: the appointment (RFC 3339, or epoch ms). */
  dueAt: string | number | null;
  appointment: string | number | null;
  state: 'ON_TIME' | 'NEAR_DUE' | 'OVERDUE';
  receivedAt: string | number | null;
  lastEventAt: string | number | null;
}

export interface QueueFilter {
  q: string;
  procedure: string;
  status: string;
  page: number;
}
