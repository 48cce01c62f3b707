import { calendarFor } from '@motcua/calendar';
import type { PostalLegScope } from '@motcua/contracts';
import { Dossier, isRefusal, SYSTEM_ACTOR, type DossierCommand } from '@motcua/dossier';
import { openStore, type Store } from '@motcua/store';
import { sql } from 'kysely';
// The domain's postal test dossier (test-only, not in @motcua/dossier's public API).
import { AGENCY, at, ONE_STOP, POST, procedure, UNIT } from '../../../../libs/dossier/src/testing/postal-dossier';
import { domainAnswer, dumpReadModel, messageOf, readModelAnswer } from '../testing/scenario-events';
import { applyChanges } from './apply';
import { foldBatch } from './fold';
import { changesOf } from './projection';

/**
 * rm_postal_legs (migration 0012) against the domain's own legs (libs/dossier PostalLegState), for
 * the post's orders, pickups and returns the scenario files do not have: dossiers driven by
 * commands under a controlled clock, folded event by event, then replayed whole twice.
 */

function dossier(n: number, steps: (code: string) => DossierCommand[]): Dossier {
  const code = `${UNIT}-260601-${String(n).padStart(4, '0')}`;
  const d = new Dossier(calendarFor);
  const cal = calendarFor('VN-GOV');
  const all: DossierCommand[] = [
    { type: 'register', at: at('2026-06-01 08:00'), by: ONE_STOP, code, unit: UNIT, procedure, ruleSet: 'ND118-2025', calendar: { id: cal.id, version: cal.version }, applicantRef: 'ref-1' },
    ...steps(code),
  ];
  for (const c of all) {
    const r = d.execute(c);
    if (isRefusal(r)) throw new Error(`${c.type} refused: ${r.rule}: ${r.message}`);
  }
  return d;
}

const placed = (code: string, t: string, leg: 'PICKUP' | 'RETURN', scope: PostalLegScope | null): DossierCommand => ({
  type: 'postalOrderPlaced',
  at: at(t),
  by: SYSTEM_ACTOR,
  leg,
  n: 1,
  orderRef: `${code}:${leg}:1`,
  waybill: null,
  partnerStatus: 'PENDING',
  scope,
});
const toPost = (from: string): DossierCommand[] => [
  { type: 'accept', at: at(`${from} 09:00`), by: ONE_STOP },
  { type: 'complete', agency: 'SO_A', at: at(`${from} 10:00`), by: AGENCY },
  { type: 'return', channel: 'POSTAL', at: at(`${from} 14:00`), by: ONE_STOP },
];

const dossiers = [
  // Picked up with a J+2 target, handed over; the result back by post, a failed attempt ends the leg.
  dossier(1, (code) => [
    { type: 'requestPickup', at: at('2026-06-01 08:10'), by: ONE_STOP },
    placed(code, '2026-06-01 08:11', 'PICKUP', 'SAME_PROVINCE'),
    { type: 'postalPickedUp', waybill: 'EN340902457VN', at: at('2026-06-01 10:00'), by: POST },
    { type: 'postalHandover', waybill: 'EN340902457VN', at: at('2026-06-02 09:00'), by: POST },
    ...toPost('2026-06-02'),
    placed(code, '2026-06-02 14:01', 'RETURN', 'BETWEEN_PROVINCES'),
    { type: 'postalDeliveryFailed', at: at('2026-06-04 09:00'), by: POST },
  ]),
  // A return still in transit past its J+1 target: the late leg's alert is raised.
  dossier(2, (code) => [{ type: 'submit', channel: 'COUNTER', at: at('2026-06-01 08:30'), by: ONE_STOP }, ...toPost('2026-06-01'), placed(code, '2026-06-01 14:01', 'RETURN', 'SAME_DISTRICT')]),
  // The pickup order's answer recorded after the handover: the leg was over at the handover.
  dossier(3, (code) => [
    { type: 'requestPickup', at: at('2026-06-01 08:10'), by: ONE_STOP },
    { type: 'postalPickedUp', waybill: 'EN340902457VN', at: at('2026-06-01 10:00'), by: POST },
    { type: 'postalHandover', waybill: 'EN340902457VN', at: at('2026-06-01 15:00'), by: POST },
    placed(code, '2026-06-01 15:01', 'PICKUP', 'SAME_DISTRICT'),
  ]),
];
dossiers[1].raiseDueAlerts(at('2026-06-03 08:00'));

let store: Store;
beforeAll(async () => {
  store = await openStore({});
});
afterAll(() => store?.close());

it('folds each leg as the domain has it, after every event', async () => {
  let offset = 0;
  for (const d of dossiers) {
    for (let n = 1; n <= d.events.length; n++) {
      const r = d.events[n - 1];
      await foldBatch(store.db, { group: 'g', topic: 't', partition: 0, messages: [{ offset: String(offset++), value: messageOf(r) }] });
      const prefix = Dossier.fromLog(calendarFor, d.events.slice(0, n));
      expect((await readModelAnswer(store.db, r.code)).postalLegs).toEqual(domainAnswer(prefix.state).postalLegs);
    }
  }
  const legs = await store.db.selectFrom('rm_postal_legs').selectAll().orderBy('code').orderBy('leg').execute();
  expect(legs.map((l) => [l.code.slice(-1), l.leg, l.scope, l.taken_at?.toISOString() ?? null, l.transit_due_at?.toISOString() ?? null, l.ended_at?.toISOString() ?? null])).toEqual([
    ['1', 'PICKUP', 'SAME_PROVINCE', '2026-06-01T03:00:00.000Z', '2026-06-03T10:00:00.000Z', '2026-06-02T02:00:00.000Z'],
    ['1', 'RETURN', 'BETWEEN_PROVINCES', '2026-06-02T07:00:00.000Z', '2026-06-08T10:00:00.000Z', '2026-06-04T02:00:00.000Z'],
    // Still in transit, its J+1 target (Tuesday's close) passed.
    ['2', 'RETURN', 'SAME_DISTRICT', '2026-06-01T07:00:00.000Z', '2026-06-02T10:00:00.000Z', null],
    ['3', 'PICKUP', 'SAME_DISTRICT', '2026-06-01T03:00:00.000Z', null, '2026-06-01T08:00:00.000Z'],
  ]);
});

it('the changes of every event twice, without the guard, leave the tables as once', async () => {
  await sql`truncate rm_v1.rm_dossiers, rm_v1.rm_stage_members, rm_v1.rm_alerts, rm_v1.rm_appointments, rm_v1.rm_handoffs, rm_v1.rm_postal_legs`.execute(store.db);
  const all = dossiers.flatMap((d) => d.events);
  for (const r of all) await applyChanges(store.db, changesOf(r));
  const once = await dumpReadModel(store.db);
  for (const r of all) await applyChanges(store.db, changesOf(r));
  expect(await dumpReadModel(store.db)).toEqual(once);
  expect(once.postalLegs).toHaveLength(4);
});
