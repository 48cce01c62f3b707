import { DossierCloudEventSchema } from '@motcua/contracts';
import type { RecordedEvent } from '@motcua/dossier';
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

  it('is keyed by the dossier code, structured CloudEvents JSON, valid against the contract', () => {
    const m = toBusMessage(accepted);
    expect(m.key).toBe(accepted.code);
    expect(m.headers['content-type']).toMatch(/^application\/cloudevents\+json/);
    const ce = DossierCloudEventSchema.parse(JSON.parse(m.value));
    expect(ce).toMatchObject({
      id: accepted.id,
      subject: accepted.code,
      type: 'vn.motcua.dossier.DossierAccepted',
      time: '2026-03-02T09:20:00+07:00',
      data: { sequence: 3, status: 'IN_PROCESSING', dueAt: '2026-03-05T17:00:00+07:00', actor: { role: 'ONE_STOP_OFFICER' } },
    });
    // Instants inside the payload travel in Vietnam time too.
    expect(ce.data.payload).toMatchObject({ deadline: { at: '2026-03-05T17:00:00+07:00', nearDueAt: '2026-03-04T08:00:00+07:00', calendar: 'VN-GOV@2026.1' } });
  });

  it('is the same message when published again (deterministic id, same bytes)', () => {
    expect(toBusMessage(accepted)).toEqual(toBusMessage(accepted));
  });
});
