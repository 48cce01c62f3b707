import { parseInstant } from '@motcua/calendar';
import { isRefusal } from './rules';
import { pendingNotices } from './notifications';
import { runThroughDomain } from './testing/scenario-harness';

/**
 * The notices a dossier's log calls for: one per occasion (ONE-STOP.md §3, §5, §8), in log order,
 * each keyed by its event, so a loop that scans the log in pieces meets each exactly once.
 */
const { dossier } = runThroughDomain({
  id: 'notices',
  calendar: 'VN-GOV',
  procedure: { code: 'T.N.01', name: 'Thủ tục có trả kết quả qua bưu điện', timeLimit: { amount: 3, unit: 'WORKING_DAYS' }, route: [{ agency: 'A', allotted: { amount: 3, unit: 'WORKING_DAYS' } }], postal: true },
  actions: [
    { at: '2026-03-02T09:00:00+07:00', do: 'submit', channel: 'COUNTER' },
    { at: '2026-03-02T09:10:00+07:00', do: 'requestIntakeSupplement' },
    { at: '2026-03-02T10:00:00+07:00', do: 'submit', channel: 'COUNTER' },
    { at: '2026-03-02T10:10:00+07:00', do: 'accept' },
    { at: '2026-03-03T09:00:00+07:00', do: 'requestSupplement', agency: 'A' },
    { at: '2026-03-04T09:00:00+07:00', do: 'supplement' },
    { at: '2026-03-05T09:00:00+07:00', do: 'apologize', agency: 'A', newAppointment: '2026-03-11T17:00:00+07:00' },
    { at: '2026-03-06T10:00:00+07:00', do: 'complete', agency: 'A' },
    { at: '2026-03-06T11:00:00+07:00', do: 'return', channel: 'POSTAL' },
    { at: '2026-03-09T10:00:00+07:00', do: 'postalDeliveryFailed' },
    { at: '2026-03-11T10:00:00+07:00', do: 'postalDeliveryFailed' },
  ],
});
// The post's late "returned to sender" for a result already back at the unit.
const late = dossier.execute({ type: 'postalReturnedToSender', at: parseInstant('2026-03-11T11:00:00+07:00'), by: { id: 'vnpost', role: 'POSTAL_OPERATOR', agency: 'VNPOST' } });
if (isRefusal(late)) throw new Error(late.message);

describe('pendingNotices', () => {
  const all = pendingNotices(dossier.events, 0, 'Thủ tục có trả kết quả qua bưu điện');

  it('calls for one notice per occasion, in log order, told once when the post reports what is already known', () => {
    expect(all.map((n) => [n.kind, n.cause])).toEqual([
      ['SUPPLEMENT_REQUEST', 'IntakeSupplementRequested'],
      ['RECEIPT', 'DossierAccepted'],
      ['SUPPLEMENT_REQUEST', 'SupplementRequested'],
      ['APOLOGY', 'ApologyIssued'],
      // Finished on Fri 6/3, before the appointment's date: the applicant is told it may come early.
      ['EARLY_RETURN', 'ResultReady'],
      ['POSTAL_DELIVERY', 'ResultHandedToPost'],
      ['POSTAL_DELIVERY', 'ResultBackAtUnit'],
    ]);
  });

  it('carries what the text needs and nothing personal: the appointment in force, the procedure', () => {
    const apology = all.find((n) => n.kind === 'APOLOGY')!;
    expect(apology).toEqual({
      eventId: expect.stringMatching(/^SIM\.TEST-260101-0001:\d+$/),
      kind: 'APOLOGY',
      cause: 'ApologyIssued',
      code: 'SIM.TEST-260101-0001',
      procedure: { code: 'T.N.01', name: 'Thủ tục có trả kết quả qua bưu điện' },
      at: parseInstant('2026-03-05T09:00:00+07:00'),
      appointment: parseInstant('2026-03-11T17:00:00+07:00'),
    });
    expect(all.find((n) => n.kind === 'RECEIPT')!.appointment).toBe(parseInstant('2026-03-05T17:00:00+07:00'));
  });

  it('scanned in pieces, meets every notice exactly once', () => {
    const pieces = [0, 3, 4, 9, 12, dossier.events.length];
    const seen = pieces.slice(1).flatMap((end, i) => pendingNotices(dossier.events.slice(0, end), pieces[i], 'Thủ tục có trả kết quả qua bưu điện'));
    expect(seen).toEqual(all);
    expect(new Set(all.map((n) => `${n.eventId}/${n.kind}`)).size).toBe(all.length);
  });

  it.each([
    ['reject', ['RECEIPT', 'REJECTION']],
    ['complete', ['RECEIPT', 'RESULT_READY']], // on its due date: on time, not early
    ['refuseIntake', ['REFUSAL']],
  ])('%s: %p', (last, kinds) => {
    const first = [{ at: '2026-03-02T09:00:00+07:00', do: 'submit', channel: 'ONLINE' }];
    const actions =
      last === 'refuseIntake'
        ? [...first, { at: '2026-03-02T09:10:00+07:00', do: 'refuseIntake' }]
        : [...first, { at: '2026-03-02T09:10:00+07:00', do: 'accept' }, { at: '2026-03-03T16:00:00+07:00', do: last, agency: 'A' }];
    const run = runThroughDomain({
      id: last,
      calendar: 'VN-GOV',
      procedure: { code: 'T.N.02', name: 'x', timeLimit: { amount: 1, unit: 'WORKING_DAYS' }, route: [{ agency: 'A', allotted: { amount: 1, unit: 'WORKING_DAYS' } }] },
      actions,
    });
    expect(pendingNotices(run.dossier.events, 0, 'x').map((n) => n.kind)).toEqual(kinds);
  });
});
