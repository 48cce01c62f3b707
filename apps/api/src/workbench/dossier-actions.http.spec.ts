import { HTTP_ACTIONS } from '@motcua/contracts';
import { relationFor } from '@motcua/dossier';
import type { Principal } from '../auth/principal';
import { InMemoryDossierGateway } from '../testing/in-memory-dossier-gateway';
import { startTestApp, type TestApp } from '../testing/start-test-app';
import { people } from '../testing/test-tokens';
import { DossierActionsSchema } from './workbench-schemas';

/**
 * GET /api/v1/dossiers/{code}/actions: every officer's action, allowed or refused with the very
 * answer the action's own request gets, for the dossier as it stands and the caller asking.
 */
const NOW = Date.parse('2026-03-03T09:00:00+07:00'); // a Tuesday
const H = 3_600_000;
const UNIT = '000.00.00.H26';
const applicant = { name: 'Nguyễn Văn An', idNumber: '001203004567', phone: '0912 345 678', address: 'Số 1 Tràng Tiền, Hà Nội' };
// Two stages: SO_TU_PHAP (3 working days), then CONG_AN_TINH; 10 working days in all.
const TWO_STAGES = { procedureCode: 'LLTP-CAP-PHIEU', channel: 'COUNTER', applicant };

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

describe('GET /api/v1/dossiers/{code}/actions', () => {
  let t: TestApp;
  let now = NOW;

  beforeEach(async () => {
    now = NOW;
    const gateway = new InMemoryDossierGateway(() => now);
    t = await startTestApp({ gateway, clock: { now: () => now } });
  });
  afterEach(() => t.close());

  const opened = async () => (await t.call('POST', '/api/v1/dossiers', TWO_STAGES)).body.code as string;
  const actionsOf = async (code: string, who: Principal) => {
    const r = await t.call('GET', `/api/v1/dossiers/${code}/actions`, undefined, {}, who);
    expect(r.status).toBe(200);
    // The shape the OpenAPI document gives (and no top-level key it does not name).
    expect(DossierActionsSchema.strict().parse(r.body)).toEqual(r.body);
    return Object.fromEntries((r.body.actions as Json[]).map((a) => [a.action, a])) as Record<string, Json>;
  };
  /** The body the page would send: each field's preset, the first choice of a required one. */
  const bodyOf = (preview: Json) =>
    Object.fromEntries(
      Object.entries<Json>(preview.fields)
        .filter(([, f]) => f.required)
        .map(([name, f]) => [name, f.kind === 'INSTANT' ? (f.atMost ?? '2026-03-20T10:00:00+07:00') : f.kind === 'CHOICES' ? [f.choices[0].value] : (f.preset ?? f.choices?.[0]?.value ?? 'cb-1')]),
    );
  /** Every refused action, sent: the same status, rule and message; nothing changes. */
  const refusalsHold = async (code: string, who: Principal, previews: Record<string, Json>) => {
    for (const preview of Object.values(previews).filter((p) => !p.allowed)) {
      const r = await t.call('POST', `/api/v1/dossiers/${code}/${preview.action}`, bodyOf(preview), {}, who);
      expect([preview.action, r.status, r.body.error?.rule, r.body.error?.message]).toEqual([preview.action, preview.status, preview.rule, preview.message]);
    }
  };

  it("lists every officer's action, for each role refused with ACCESS.ROLE_MAY_NOT exactly where the table says", async () => {
    const code = await opened();
    for (const who of [people.oneStop(UNIT), people.officer('SO_TU_PHAP'), people.head('SO_TU_PHAP'), people.operations(), people.auditor()]) {
      const previews = await actionsOf(code, who);
      expect(Object.keys(previews)).toEqual([...HTTP_ACTIONS]);
      for (const action of HTTP_ACTIONS) {
        const mayGive = relationFor(who.roles[0], action) !== undefined;
        expect([who.roles[0], action, previews[action].rule === 'ACCESS.ROLE_MAY_NOT']).toEqual([who.roles[0], action, !mayGive]);
        expect(previews[action].effect).toMatch(/\p{L}/u);
      }
    }
  });

  it('at intake: the unit may accept, ask for a supplement or refuse, with the catalog documents and reasons; the rest refused as the API refuses them', async () => {
    const code = await opened();
    const unit = people.oneStop(UNIT);
    const previews = await actionsOf(code, unit);
    expect(Object.values(previews).filter((p) => p.allowed).map((p) => p.action)).toEqual(['accept', 'requestIntakeSupplement', 'refuseIntake', 'withdraw']);
    expect(previews.accept.effect).toContain('Mẫu 01');
    expect(previews.requestIntakeSupplement.fields.missing.choices.length).toBeGreaterThan(0);
    expect(previews.requestIntakeSupplement.fields.missing.choices[0]).toEqual({ value: expect.any(String), label: expect.stringMatching(/\p{L}/u) });
    expect(previews.refuseIntake.fields.reasons).toMatchObject({ kind: 'CHOICES', required: false });
    expect(previews.refuseIntake.fields.reasons.choices).toContainEqual({ value: 'NOT_COMPETENT', label: 'Không thuộc thẩm quyền giải quyết của cơ quan' });
    expect(previews.supplement).toMatchObject({ allowed: false, status: 409, rule: 'LIFECYCLE.ACTION_NOT_ALLOWED' });
    expect(previews.complete).toMatchObject({ allowed: false, status: 403, rule: 'ACCESS.ROLE_MAY_NOT' });
    await refusalsHold(code, unit, previews);
    // Another unit's officer may not read it at all.
    const other = await t.call('GET', `/api/v1/dossiers/${code}/actions`, undefined, {}, people.oneStop('000.31.25.H26'));
    expect([other.status, other.body.error.rule]).toEqual([403, 'ACCESS.MAY_NOT_READ']);
  });

  it('in processing: the holding agency completes, may ask for a supplement within its window, its head apologizes within the bound; the next agency waits; a third reads nothing', async () => {
    const code = await opened();
    expect((await t.call('POST', `/api/v1/dossiers/${code}/accept`, {})).status).toBe(200);
    now = NOW + 26 * H; // Wednesday 11:00: one working day after receipt

    const officer = people.officer('SO_TU_PHAP');
    const mine = await actionsOf(code, officer);
    expect(Object.values(mine).filter((p) => p.allowed).map((p) => p.action)).toEqual(['complete', 'requestSupplement', 'appraise', 'reject', 'stop', 'consult']);
    expect(mine.complete.fields).toEqual({ agency: { kind: 'AGENCY', required: true, preset: 'SO_TU_PHAP' } });
    expect(mine.requestSupplement.supplementWindow).toEqual({ workingDays: 3, workingDaysSinceReceipt: 1, open: true, closesAt: '2026-03-06T17:00:00+07:00', requestsLeft: 1 });
    expect(mine.stop.fields.reasons.required).toBe(true);
    expect(mine.consult.fields.to.choices.map((c: Json) => c.value)).not.toContain('SO_TU_PHAP');
    await refusalsHold(code, officer, mine);

    const head = await actionsOf(code, people.head('SO_TU_PHAP'));
    expect(head.apologize.allowed).toBe(true);
    const bound = head.apologize.fields.newAppointment;
    expect(bound).toMatchObject({ kind: 'INSTANT', required: true });
    expect(Date.parse(bound.atMost)).toBeGreaterThan(Date.parse(bound.after));
    // One minute past the bound is the API's APOLOGY.BEYOND_BOUND; the bound itself is taken.
    const late = new Date(Date.parse(bound.atMost) + 60_000 + 7 * H).toISOString().replace('.000Z', '+07:00');
    const beyond = await t.call('POST', `/api/v1/dossiers/${code}/apologize`, { agency: 'SO_TU_PHAP', newAppointment: late }, {}, people.head('SO_TU_PHAP'));
    expect([beyond.status, beyond.body.error.rule]).toEqual([409, 'APOLOGY.BEYOND_BOUND']);
    expect((await t.call('POST', `/api/v1/dossiers/${code}/apologize`, { agency: 'SO_TU_PHAP', newAppointment: bound.atMost }, {}, people.head('SO_TU_PHAP'))).status).toBe(200);
    expect((await actionsOf(code, people.head('SO_TU_PHAP'))).apologize).toMatchObject({ allowed: false, status: 409, rule: 'APOLOGY.ALREADY_GIVEN' });

    // The second stage's agency is on the route, not holding yet.
    const next = await actionsOf(code, people.officer('CONG_AN_TINH'));
    expect(next.complete).toMatchObject({ allowed: false, status: 409, rule: 'ROUTE.AGENCY_DOES_NOT_HOLD' });
    await refusalsHold(code, people.officer('CONG_AN_TINH'), next);

    const stranger = await t.call('GET', `/api/v1/dossiers/${code}/actions`, undefined, {}, people.officer('SO_XAY_DUNG'));
    expect([stranger.status, stranger.body.error.rule]).toEqual([403, 'ACCESS.MAY_NOT_READ']);
    const strangerActs = await t.call('POST', `/api/v1/dossiers/${code}/complete`, { agency: 'SO_XAY_DUNG' }, {}, people.officer('SO_XAY_DUNG'));
    expect([strangerActs.status, strangerActs.body.error.rule]).toEqual([403, 'ACCESS.NOT_ON_ROUTE']);
  });

  it('after the last stage: the unit returns the result by the channels the procedure allows, and a closed dossier refuses everything but the rating', async () => {
    const code = await opened();
    await t.call('POST', `/api/v1/dossiers/${code}/accept`, {});
    now += H;
    await t.call('POST', `/api/v1/dossiers/${code}/complete`, { agency: 'SO_TU_PHAP' }, {}, people.officer('SO_TU_PHAP'));
    now += H;
    await t.call('POST', `/api/v1/dossiers/${code}/complete`, { agency: 'CONG_AN_TINH' }, {}, people.officer('CONG_AN_TINH'));
    now += H;
    const unit = people.oneStop(UNIT);
    const ready = await actionsOf(code, unit);
    expect(ready.return).toMatchObject({ allowed: true });
    expect(ready.return.fields.channel).toMatchObject({ kind: 'CHOICE', required: true, preset: 'COUNTER' });
    expect(ready.return.fields.channel.choices.map((c: Json) => c.value)).toEqual(['COUNTER', 'ONLINE', 'POSTAL']);
    expect((await t.call('POST', `/api/v1/dossiers/${code}/return`, { channel: 'COUNTER' }, {}, unit)).status).toBe(200);

    const returned = await actionsOf(code, unit);
    expect(Object.values(returned).filter((p) => p.allowed).map((p) => p.action)).toEqual(['rate']);
    expect(returned.accept).toMatchObject({ allowed: false, status: 409, rule: 'LIFECYCLE.DOSSIER_CLOSED' });
    expect(returned.rate.fields.level.choices.map((c: Json) => c.value)).toEqual(['VERY_SATISFIED', 'SATISFIED', 'DISSATISFIED']);
    await refusalsHold(code, unit, returned);
  });

  it('answers 404 for an unknown dossier or what is not a dossier code, and 401 without a token', async () => {
    expect((await t.call('GET', `/api/v1/dossiers/${UNIT}-260303-0099/actions`, undefined, {}, people.operations())).status).toBe(404);
    expect((await t.call('GET', '/api/v1/dossiers/nope/actions', undefined, {}, people.operations())).status).toBe(404);
    expect((await t.call('GET', `/api/v1/dossiers/${UNIT}-260303-0001/actions`, undefined, {}, null)).status).toBe(401);
  });
});
