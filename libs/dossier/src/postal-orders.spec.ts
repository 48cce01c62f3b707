/**
 * The postal orders a dossier calls for (effects.ts), the answers it records, and the post's
 * transit targets (Decision 45/2016: J+1, J+2, J+4 working days by how far a leg travels), all
 * pure: commands under a controlled clock, instants worked out by hand on the VN-GOV calendar.
 */
import { calendarFor, toLocalIso } from '@motcua/calendar';
import type { PostalLegScope } from '@motcua/contracts';
import { SYSTEM_ACTOR, type Actor } from './actor';
import { authorize, ENGINE_ONLY, ROLES } from './authorization';
import type { DossierCommand } from './commands';
import { Dossier } from './dossier';
import { afterEffect, NOTHING_DONE, pendingEffects, pendingOf, postalOrdersOf } from './effects';
import { isRefusal } from './rules';
import { armedTimers } from './timers';
import { AGENCY, at, ONE_STOP, POST, procedure, UNIT } from './testing/postal-dossier';

const CODE = `${UNIT}-260601-0001`;

function dossier(): Dossier {
  const d = new Dossier(calendarFor);
  const cal = calendarFor('VN-GOV');
  const registered = d.execute({
    type: 'register',
    at: at('2026-06-01 08:00'),
    by: ONE_STOP,
    code: CODE,
    unit: UNIT,
    procedure,
    ruleSet: 'ND118-2025',
    calendar: { id: cal.id, version: cal.version },
    applicantRef: 'ref-1',
  });
  expect(isRefusal(registered)).toBe(false);
  return d;
}

function run(d: Dossier, c: DossierCommand): void {
  const r = d.execute(c);
  if (isRefusal(r)) throw new Error(`${c.type} refused: ${r.rule}: ${r.message}`);
}

const placed = (t: string, leg: 'PICKUP' | 'RETURN', scope: PostalLegScope | null, orderRef = `${CODE}:${leg}:1`): DossierCommand => ({
  type: 'postalOrderPlaced',
  at: at(t),
  by: SYSTEM_ACTOR,
  leg,
  n: 1,
  orderRef,
  waybill: null,
  partnerStatus: 'PENDING',
  scope,
});

function toResultHandedToPost(d: Dossier): void {
  run(d, { type: 'submit', channel: 'COUNTER', at: at('2026-06-01 08:30'), by: ONE_STOP });
  run(d, { type: 'accept', at: at('2026-06-01 09:00'), by: ONE_STOP });
  run(d, { type: 'complete', agency: 'SO_A', at: at('2026-06-02 10:00'), by: AGENCY });
  run(d, { type: 'return', channel: 'POSTAL', at: at('2026-06-02 14:00'), by: ONE_STOP });
}

describe('postal orders as effects', () => {
  it('a pickup request calls for one PICKUP order, keyed <code>:PICKUP:1; a counter dossier calls for none', () => {
    const counter = dossier();
    run(counter, { type: 'submit', channel: 'COUNTER', at: at('2026-06-01 08:30'), by: ONE_STOP });
    expect(postalOrdersOf(counter.events)).toEqual([]);

    const d = dossier();
    run(d, { type: 'requestPickup', at: at('2026-06-01 08:10'), by: ONE_STOP });
    expect(postalOrdersOf(d.events)).toEqual([{ channel: 'postalOrders', action: 'PLACE', leg: 'PICKUP', n: 1, key: `${CODE}:PICKUP:1`, cause: 2 }]);
    // Publishing and ordering are channels apart, each with its own progress.
    expect(pendingEffects(d.events, NOTHING_DONE).map((e) => e.channel)).toEqual(['events', 'postalOrders']);
    const [order] = pendingOf('postalOrders', d.events, NOTHING_DONE);
    expect(pendingOf('postalOrders', d.events, afterEffect(NOTHING_DONE, order))).toEqual([]);
    expect(pendingOf('events', d.events, afterEffect(NOTHING_DONE, order))).toHaveLength(1);
  });

  it('a result handed to the post calls for a RETURN order', () => {
    const d = dossier();
    toResultHandedToPost(d);
    expect(postalOrdersOf(d.events).map((o) => [o.action, o.key])).toEqual([['PLACE', `${CODE}:RETURN:1`]]);
  });

  it('a withdrawal before the pickup cancels the pickup order; after the pickup it does not; a refused order has nothing to cancel', () => {
    const pending = dossier();
    run(pending, { type: 'requestPickup', at: at('2026-06-01 08:10'), by: ONE_STOP });
    run(pending, placed('2026-06-01 08:11', 'PICKUP', null));
    run(pending, { type: 'withdraw', at: at('2026-06-01 09:00'), by: ONE_STOP });
    expect(postalOrdersOf(pending.events).map((o) => [o.action, o.leg, o.n])).toEqual([
      ['PLACE', 'PICKUP', 1],
      ['CANCEL', 'PICKUP', 1],
    ]);
    run(pending, { type: 'postalOrderCancelled', at: at('2026-06-01 09:01'), by: SYSTEM_ACTOR, leg: 'PICKUP', n: 1, orderRef: `${CODE}:PICKUP:1`, alreadyGone: false });
    expect(pending.state.postalOrders).toEqual([expect.objectContaining({ outcome: 'CANCELLED', ended: true })]);

    const collected = dossier();
    run(collected, { type: 'requestPickup', at: at('2026-06-01 08:10'), by: ONE_STOP });
    run(collected, { type: 'postalPickedUp', waybill: 'EN340902457VN', at: at('2026-06-01 10:00'), by: POST });
    run(collected, { type: 'withdraw', at: at('2026-06-01 11:00'), by: ONE_STOP });
    expect(postalOrdersOf(collected.events).map((o) => o.action)).toEqual(['PLACE']);

    const refused = dossier();
    run(refused, { type: 'requestPickup', at: at('2026-06-01 08:10'), by: ONE_STOP });
    run(refused, { type: 'postalOrderRefused', at: at('2026-06-01 08:11'), by: SYSTEM_ACTOR, leg: 'PICKUP', n: 1, orderRef: `${CODE}:PICKUP:1`, reason: 'OPERATOR_REFUSED', httpStatus: 422 });
    run(refused, { type: 'withdraw', at: at('2026-06-01 09:00'), by: ONE_STOP });
    expect(postalOrdersOf(refused.events).map((o) => o.action)).toEqual(['PLACE']);
  });

  it('a refusal is recorded with an alert of the post\'s for the one-stop unit, on no agency', () => {
    const d = dossier();
    run(d, { type: 'requestPickup', at: at('2026-06-01 08:10'), by: ONE_STOP });
    run(d, { type: 'postalOrderRefused', at: at('2026-06-01 08:11'), by: SYSTEM_ACTOR, leg: 'PICKUP', n: 1, orderRef: `${CODE}:PICKUP:1`, reason: 'NO_ADDRESS', httpStatus: null });
    expect(d.events.slice(-2).map((r) => r.event)).toEqual([
      expect.objectContaining({ type: 'PostalOrderRefused', reason: 'NO_ADDRESS', httpStatus: null }),
      expect.objectContaining({ type: 'AlertRaised', alert: 'POSTAL_ORDER_REFUSED', scope: 'POSTAL', agency: null, member: null }),
    ]);
    expect(d.state.status).toBe('PICKUP_REQUESTED');
  });

  it('the answers are the engine\'s to record: no role may give them (the workflow has no update for them either)', () => {
    const d = dossier();
    for (const role of ROLES) {
      for (const type of ENGINE_ONLY) {
        const by: Actor = { id: 'someone', role, agency: UNIT };
        const command = { ...placed('2026-06-01 08:11', 'PICKUP', null), type, by } as DossierCommand;
        expect([role, type, authorize(by, command, d.state)?.rule]).toEqual([role, type, 'ACCESS.ROLE_MAY_NOT']);
      }
    }
  });

  it('an answer that arrives after a later partner report is recorded, and does not move the dossier\'s time on', () => {
    const d = dossier();
    run(d, { type: 'requestPickup', at: at('2026-06-01 08:10'), by: ONE_STOP });
    run(d, placed('2026-06-01 12:00', 'PICKUP', 'SAME_PROVINCE'));
    // The signed handover happened before the slow answer was recorded: still in order.
    run(d, { type: 'postalHandover', waybill: 'EN340902457VN', at: at('2026-06-01 11:00'), by: POST });
    expect(d.state.status).toBe('SUBMITTED');
  });
});

describe('transit targets per leg (J = the day the post took the item)', () => {
  const due = (d: Dossier) => armedTimers(d.state).filter((t) => t.type === 'POSTAL_LEG_LATE').map((t) => [toLocalIso(t.at), t.scope, t.agency]);

  it('pickup: J+2 from the pickup (Monday → Wednesday close) for the same province; none once handed over', () => {
    const d = dossier();
    run(d, { type: 'requestPickup', at: at('2026-06-01 08:10'), by: ONE_STOP });
    run(d, placed('2026-06-01 08:11', 'PICKUP', 'SAME_PROVINCE'));
    expect(due(d)).toEqual([]); // not yet taken: no J
    run(d, { type: 'postalPickedUp', waybill: 'EN340902457VN', at: at('2026-06-01 10:00'), by: POST });
    expect(d.events.at(-1)!.event).toMatchObject({ type: 'PostalPickedUp', transitDueAt: at('2026-06-03 17:00') });
    expect(due(d)).toEqual([['2026-06-03T17:00:00+07:00', 'POSTAL', null]]);
    run(d, { type: 'postalHandover', waybill: 'EN340902457VN', at: at('2026-06-02 09:00'), by: POST });
    expect(due(d)).toEqual([]);
  });

  it('return: J+4 between provinces from the handover to the post (Tuesday → Monday close), ended by the first attempt', () => {
    const d = dossier();
    toResultHandedToPost(d);
    run(d, placed('2026-06-02 14:01', 'RETURN', 'BETWEEN_PROVINCES'));
    expect(d.events.at(-1)!.event).toMatchObject({ type: 'PostalOrderPlaced', transitDueAt: at('2026-06-08 17:00') });
    expect(due(d)).toEqual([['2026-06-08T17:00:00+07:00', 'POSTAL', null]]);
    run(d, { type: 'postalDeliveryFailed', at: at('2026-06-04 09:00'), by: POST });
    expect(due(d)).toEqual([]);
  });

  it('a late leg raises POSTAL_LEG_LATE at its target, once, with no agency: the post\'s breach', () => {
    const d = dossier();
    toResultHandedToPost(d);
    run(d, placed('2026-06-02 14:01', 'RETURN', 'SAME_DISTRICT'));
    // J+1: Wednesday's close.
    const raised = d.raiseDueAlerts(at('2026-06-04 08:00'));
    expect(raised.map((r) => r.event)).toEqual([
      expect.objectContaining({ type: 'AlertRaised', alert: 'POSTAL_LEG_LATE', scope: 'POSTAL', agency: null, member: null, at: at('2026-06-03 17:00'), dueAt: at('2026-06-03 17:00') }),
    ]);
    expect(d.raiseDueAlerts(at('2026-06-05 08:00'))).toEqual([]);
  });

  it('an order whose scope is unknown tracks no target', () => {
    const d = dossier();
    toResultHandedToPost(d);
    run(d, placed('2026-06-02 14:01', 'RETURN', null));
    expect(d.events.at(-1)!.event).not.toHaveProperty('transitDueAt');
    expect(due(d)).toEqual([]);
  });
});
