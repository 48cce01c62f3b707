import { MemoryPublisher } from '@motcua/event-bus';
import { toBusMessage } from './cloud-event';
import { createPublishActivities } from './publish.activities';
import { withdrawnEvent } from './testing/withdrawn-event';

/** A retried publish sends only what the topic does not hold yet (the earlier attempt's answer was lost). */
const code = '000.00.00.H42-260302-0001';
const event = (sequence: number) => withdrawnEvent(code, sequence);

const idsSent = (p: MemoryPublisher) => p.sent.map((s) => (JSON.parse(s.message.value) as { id: string }).id);

describe('publishing a dossier\'s events, retried', () => {
  it('the first attempt sends everything without reading back', async () => {
    const publisher = new MemoryPublisher();
    await publisher.publish('dossier.events', [toBusMessage(event(1))]);
    const readBack = jest.spyOn(publisher, 'readBack');
    await createPublishActivities({ publisher, attempt: () => ({ attempt: 1, firstScheduledMs: 0 }) }).publishDossierEvents([event(1), event(2)]);
    expect(readBack).not.toHaveBeenCalled();
    expect(idsSent(publisher)).toEqual([`${code}:1`, `${code}:1`, `${code}:2`]);
  });

  it('a retry sends only the events the topic does not hold, asking from a margin before the first attempt', async () => {
    const publisher = new MemoryPublisher();
    await createPublishActivities({ publisher, attempt: () => ({ attempt: 1, firstScheduledMs: 1_000_000 }) }).publishDossierEvents([event(1), event(2)]);
    const readBack = jest.spyOn(publisher, 'readBack');
    await createPublishActivities({ publisher, attempt: () => ({ attempt: 2, firstScheduledMs: 1_000_000 }) }).publishDossierEvents([event(1), event(2)]);
    await createPublishActivities({ publisher, attempt: () => ({ attempt: 3, firstScheduledMs: 1_000_000 }) }).publishDossierEvents([event(3), event(4)]);
    expect(readBack).toHaveBeenCalledWith('dossier.events', code, 1_000_000 - 5 * 60_000);
    expect(idsSent(publisher)).toEqual([1, 2, 3, 4].map((s) => `${code}:${s}`));
  });

  it('a publisher that cannot read back publishes again (at least once; consumers drop the copies)', async () => {
    const sent: string[] = [];
    const publisher = { publish: async (_t: string, ms: readonly { value: string }[]) => void sent.push(...ms.map((m) => (JSON.parse(m.value) as { id: string }).id)), close: async () => undefined };
    const retry = createPublishActivities({ publisher, attempt: () => ({ attempt: 2, firstScheduledMs: 0 }) });
    await retry.publishDossierEvents([event(1)]);
    await retry.publishDossierEvents([event(1)]);
    expect(sent).toEqual([`${code}:1`, `${code}:1`]);
  });
});
