import type { RecordedEvent } from '@motcua/dossier';

/** A small valid recorded event (a withdrawal) of dossier `code`, for the publishing tests. */
export const withdrawnEvent = (code: string, sequence: number): RecordedEvent => ({
  id: `${code}:${sequence}`,
  code,
  sequence,
  event: { type: 'DossierWithdrawn', at: Date.parse('2026-03-02T09:20:00+07:00') + sequence, by: { id: 'officer-1', role: 'ONE_STOP_OFFICER', agency: '000.00.00.H42' }, reason: 'APPLICANT_REQUEST' },
  status: 'WITHDRAWN',
  channel: 'COUNTER',
  ruleSet: 'ND118-2025',
  procedure: { code: 'T.TEST.01', version: '1' },
  unit: '000.00.00.H42',
  dueAt: null,
  finalDueAt: null,
});
