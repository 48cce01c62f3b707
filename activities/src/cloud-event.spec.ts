import type { RecordedEvent } from '@motcua/dossier';
import { fromCloudEvent } from '@motcua/wire';
import { toBusMessage } from './cloud-event';

/** The Kafka message of a recorded event is the contract's CloudEvent, in structured mode. */
describe('a recorded event on Kafka', () => {
  const accepted: RecordedEvent = {
    id: '000.00.00.H42-260302-0001:3',
    code: '000.00.00.H42-260302-0001',
    sequence: 3,
    event: {
      type: 'DossierAccepted',
      at: Date.parse('2026-03-02T09:20:00+07:00'),
      by: { id: 'officer-1', role: 'ONE_STOP_OFFICER', agency: '000.00.00.H42' },
      clockStartedAt: Date.parse('2026-03-02T09:20:00+07:00'),
      deadline: { at: Date.parse('2026-03-05T17:00:00+07:00'), nearDueAt: Date.parse('2026-03-04T08:00:00+07:00'), apologyBy: Date.parse('2026-03-04T17:00:00+07:00'), calendar: 'VN-GOV@2026.1' },
    },
    status: 'IN_PROCESSING',
    channel: 'COUNTER',
    ruleSet: 'ND118-2025',
    procedure: { code: 'T.TEST.01', version: '1' },
    unit: '000.00.00.H42',
    dueAt: Date.parse('2026-03-05T17:00:00+07:00'),
    finalDueAt: Date.parse('2026-03-05T17:00:00+07:00'),
  };

  it('is keyed by the dossier code, structured CloudEvents JSON, in Vietnam time, and reads back as the recorded event', () => {
    const m = toBusMessage(accepted);
    expect(m.key).toBe(accepted.code);
    expect(m.headers['content-type']).toMatch(/^application\/cloudevents\+json/);
    expect(JSON.parse(m.value)).toMatchObject({
      id: accepted.id,
      subject: accepted.code,
      type: 'vn.motcua.dossier.DossierAccepted',
      dataschema: 'urn:motcua:schemas:dossier.DossierAccepted:1',
      time: '2026-03-02T09:20:00+07:00',
      data: {
        sequence: 3,
        status: 'IN_PROCESSING',
        dueAt: '2026-03-05T17:00:00+07:00',
        actor: { role: 'ONE_STOP_OFFICER' },
        payload: { type: 'DossierAccepted', deadline: { at: '2026-03-05T17:00:00+07:00', nearDueAt: '2026-03-04T08:00:00+07:00', calendar: 'VN-GOV@2026.1' } },
      },
    });
    expect(fromCloudEvent(m.value)).toStrictEqual(accepted);
  });

  it('is the same message when published again (deterministic id, same bytes)', () => {
    expect(toBusMessage(accepted)).toEqual(toBusMessage(accepted));
  });

  it('is not published when the event does not fit its contract', () => {
    expect(() => toBusMessage({ ...accepted, status: 'SOMEWHERE' })).toThrow(/does not fit its contract/);
  });
});
