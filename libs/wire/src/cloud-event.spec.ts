import { CloudEvent } from 'cloudevents';
import { DOSSIER_EVENT_TYPES } from '@motcua/contracts';
import type { RecordedEvent } from '@motcua/dossier';
import { CloudEventRefused, fromCloudEvent, toCloudEvent } from './cloud-event';
import { SAMPLE_EVENTS, SAMPLE_RECORDED_EVENTS } from './testing/samples';

/** A message as a consumer receives it: the bytes of the JSON. */
const wire = (r: RecordedEvent) => JSON.stringify(toCloudEvent(r));
type Json = Record<string, unknown> & { data: Record<string, unknown> & { payload: Record<string, unknown> } };
const message = (r: RecordedEvent): Json => JSON.parse(wire(r));

/** Every number in a JSON value, with its path. */
function numbers(v: unknown, path = ''): [string, number][] {
  if (typeof v === 'number') return [[path, v]];
  if (Array.isArray(v)) return v.flatMap((x, i) => numbers(x, `${path}[${i}]`));
  if (v && typeof v === 'object') return Object.entries(v).flatMap(([k, x]) => numbers(x, `${path}.${k}`));
  return [];
}

describe('a dossier event through toCloudEvent and fromCloudEvent', () => {
  it('has a sample of every event type the contract knows', () => {
    expect(Object.keys(SAMPLE_EVENTS).sort()).toEqual([...DOSSIER_EVENT_TYPES].sort());
  });

  it.each(SAMPLE_RECORDED_EVENTS.map((r) => [r.event.type, r] as const))('%s comes back unchanged, and written again gives the same bytes', (_type, r) => {
    const text = wire(r);
    expect(fromCloudEvent(text)).toStrictEqual(r);
    expect(fromCloudEvent(JSON.parse(text))).toStrictEqual(r);
    expect(wire(fromCloudEvent(text))).toBe(text);
    expect(() => new CloudEvent(JSON.parse(text), true)).not.toThrow();
  });

  it.each(SAMPLE_RECORDED_EVENTS.map((r) => [r.event.type, r] as const))('%s writes every instant as +07:00 and no instant as a number', (_type, r) => {
    const m = message(r);
    // Durations and counts are the only numbers; epoch milliseconds of this century are above 1e12.
    expect(numbers(m).filter(([, n]) => n > 1e11)).toEqual([]);
    expect(m.time).toMatch(/^2026-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{3})?\+07:00$/);
    expect(m.dataschema).toBe(`urn:motcua:schemas:dossier.${r.event.type}:1`);
    expect(m.data.payload.type).toBe(r.event.type);
  });

  it('writes StageStarted.startedAt as an instant, like its deadlines', () => {
    const payload = message(SAMPLE_EVENTS.StageStarted).data.payload;
    expect(payload.startedAt).toBe('2026-02-27T16:45:00+07:00');
    expect(payload.members).toEqual([expect.objectContaining({ deadline: expect.objectContaining({ at: '2026-03-16T17:00:00+07:00' }) })]);
  });

  it('keeps milliseconds when an instant has some', () => {
    expect(message(SAMPLE_EVENTS.DossierSubmitted).time).toBe('2026-03-02T09:10:00.250+07:00');
  });

  it('refuses to write an event its contract cannot carry', () => {
    const r = SAMPLE_EVENTS.SupplementRequested;
    expect(() => toCloudEvent({ ...r, event: { ...r.event, missing: ['bản sao CCCD của ông A'] } })).toThrow(/does not fit its contract[\s\S]*missing/);
    expect(() => toCloudEvent({ ...r, event: { ...r.event, at: Date.parse('1999-12-31T00:00:00+07:00') } })).toThrow(/does not fit its contract[\s\S]*time/);
  });
});

describe('fromCloudEvent refuses what is not a dossier event it knows', () => {
  const refused = (m: unknown) => {
    try {
      fromCloudEvent(m);
    } catch (e) {
      expect(e).toBeInstanceOf(CloudEventRefused);
      return (e as Error).message;
    }
    throw new Error('accepted');
  };
  const stage = () => message(SAMPLE_EVENTS.StageStarted);

  it('an instant written as epoch milliseconds', () => {
    const inPayload = stage();
    inPayload.data.payload.startedAt = Date.parse('2026-02-27T16:45:00+07:00');
    expect(refused(inPayload)).toMatch(/data\.payload\.startedAt/);
    const asTime = stage();
    asTime.time = Date.parse('2026-03-02T09:20:00+07:00');
    expect(refused(asTime)).toMatch(/time/);
  });

  it('an instant in another offset, or without one', () => {
    for (const time of ['2026-03-02T02:20:00Z', '2026-03-02T02:20:00+00:00', '2026-03-02T09:20:00', '2026-02-30T09:20:00+07:00']) {
      expect([time, refused({ ...stage(), time })]).toEqual([time, expect.stringMatching(/time/)]);
    }
  });

  it('an unknown event type', () => {
    expect(refused({ ...stage(), type: 'vn.motcua.dossier.DossierTeleported' })).toMatch(/unknown event type "vn.motcua.dossier.DossierTeleported"/);
    expect(refused({ ...stage(), type: 'com.example.other' })).toMatch(/unknown event type/);
    const { type: _type, ...untyped } = stage();
    expect(refused(untyped)).toMatch(/unknown event type undefined/);
  });

  it('a missing field', () => {
    const m = stage();
    delete m.data.payload.members;
    expect(refused(m)).toMatch(/data\.payload\.members/);
    const { subject: _subject, ...noSubject } = stage();
    expect(refused(noSubject)).toMatch(/subject/);
  });

  it('a schema version it does not know', () => {
    expect(refused({ ...stage(), dataschema: 'urn:motcua:schemas:dossier.StageStarted:2' })).toMatch(/dataschema/);
  });

  it('parts that name different types', () => {
    const m = stage();
    m.data.type = 'DossierAccepted';
    expect(refused(m)).toMatch(/data\.type/);
    const p = stage();
    p.data.payload.type = 'DossierAccepted';
    expect(refused(p)).toMatch(/data\.payload\.type/);
  });

  it('an id that is not <code>:<sequence>, or a subject that is not the code', () => {
    expect(refused({ ...stage(), id: 'something-else' })).toMatch(/id/);
    expect(refused({ ...stage(), subject: '000.00.00.H26-260302-0002' })).toMatch(/subject/);
  });

  it('free text where the contract has codes', () => {
    const m = message(SAMPLE_EVENTS.DossierRejected);
    m.data.payload.reasons = ['Ông A không đủ điều kiện'];
    expect(refused(m)).toMatch(/data\.payload\.reasons/);
  });

  it('what is not JSON, or not an object', () => {
    expect(refused('{"specversion":')).toBe('not JSON');
    expect(refused('[]')).toBe('not a JSON object');
    expect(refused(null)).toBe('not a JSON object');
  });
});
