import { parseInstant } from '@motcua/calendar';
import type { Actor } from '../actor';
import type { ProcedureVersion } from '../events';

/**
 * Test-only: the postal dossier the post's specs drive by commands (libs/dossier postal-orders,
 * the projector's postal legs): a one-stage procedure at SO_A received by unit H42, and its actors.
 */
export const at = (local: string): number => parseInstant(`${local.replace(' ', 'T')}:00+07:00`);
export const UNIT = '000.00.00.H42';
export const ONE_STOP: Actor = { id: 'officer-1', role: 'ONE_STOP_OFFICER', agency: UNIT };
export const POST: Actor = { id: 'vnpost-api', role: 'POSTAL_OPERATOR', agency: 'VNPOST' };
export const AGENCY: Actor = { id: 'officer-2', role: 'AGENCY_OFFICER', agency: 'SO_A' };
export const procedure: ProcedureVersion = {
  code: 'T.POST.01',
  name: 'Thủ tục qua bưu chính',
  version: 'v1',
  timeLimit: { amount: 3, unit: 'WORKING_DAYS' },
  route: [{ agency: 'SO_A', allotted: { amount: 3, unit: 'WORKING_DAYS' } }],
};
