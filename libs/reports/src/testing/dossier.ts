import type { ReportDossier } from '../report-rows';

/** An instant from Vietnam local time, e.g. at('2026-10-01 09:00'). */
export const at = (local: string): number => Date.parse(local.replace(' ', 'T') + ':00+07:00');

/** A hand-built read-model dossier: received online on 1/10/2026 09:00, due 15/10 17:00, nothing else. */
export function dossier(overrides: Partial<ReportDossier> = {}): ReportDossier {
  return {
    code: 'D1',
    procedureCode: 'P1',
    procedureName: 'Thủ tục một',
    field: 'Xây dựng',
    leadAgency: 'SO_XAY_DUNG',
    channel: 'ONLINE',
    clockStartedAt: at('2026-10-01 09:00'),
    finishedAt: null,
    outcome: null,
    processingMs: null,
    withdrawnAt: null,
    stoppedAt: null,
    intakeRefusedAt: null,
    appointments: [{ from: at('2026-10-01 09:00'), at: at('2026-10-15 17:00') }],
    supplementRequests: [],
    apologies: [],
    apologiesMissed: [],
    parts: [],
    ...overrides,
  };
}
