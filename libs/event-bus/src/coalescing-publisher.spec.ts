import { CoalescingPublisher } from './coalescing-publisher';
import type { BusMessage, EventPublisher } from './ports';

const m = (key: string, value: string): BusMessage => ({ key, value, headers: {} });

/** A publisher whose requests are answered by hand, remembering each. */
class HeldPublisher implements EventPublisher {
  readonly requests: { topic: string; messages: readonly BusMessage[]; answer: (e?: Error) => void }[] = [];
  publish(topic: string, messages: readonly BusMessage[]): Promise<void> {
    return new Promise((resolve, reject) => this.requests.push({ topic, messages, answer: (e) => (e ? reject(e) : resolve()) }));
  }
  async close(): Promise<void> {}
}

const tick = () => new Promise((r) => setImmediate(r));

describe('CoalescingPublisher', () => {
  it('sends the first call at once, and the calls that arrive while it is out together, in their order', async () => {
    const inner = new HeldPublisher();
    const p = new CoalescingPublisher(inner);
    const first = p.publish('t', [m('A', '1')]);
    const second = p.publish('t', [m('B', '1'), m('B', '2')]);
    const third = p.publish('t', [m('C', '1')]);
    await tick();
    expect(inner.requests.map((r) => r.messages.map((x) => x.key + x.value))).toEqual([['A1']]);
    inner.requests[0].answer();
    await first;
    await tick();
    expect(inner.requests[1].messages.map((x) => x.key + x.value)).toEqual(['B1', 'B2', 'C1']);
    inner.requests[1].answer();
    await expect(Promise.all([second, third])).resolves.toEqual([undefined, undefined]);
  });

  it('tells each caller of a failed request, and goes on with the next calls', async () => {
    const inner = new HeldPublisher();
    const p = new CoalescingPublisher(inner);
    const first = p.publish('t', [m('A', '1')]);
    await tick();
    const second = p.publish('t', [m('B', '1')]);
    inner.requests[0].answer(new Error('broker down'));
    await expect(first).rejects.toThrow('broker down');
    await tick();
    inner.requests[1].answer();
    await expect(second).resolves.toBeUndefined();
  });

  it('keeps topics apart and a request under maxMessages (a larger single call still goes alone)', async () => {
    const inner = new HeldPublisher();
    const p = new CoalescingPublisher(inner, 2);
    const calls = [p.publish('t', [m('A', '1')]), p.publish('u', [m('X', '1')]), p.publish('t', [m('B', '1')]), p.publish('t', [m('C', '1'), m('C', '2'), m('C', '3')])];
    for (let i = 0; i < 4; i++) {
      await tick();
      inner.requests[i]?.answer();
    }
    await Promise.all(calls);
    expect(inner.requests.map((r) => [r.topic, r.messages.map((x) => x.key + x.value)])).toEqual([
      ['t', ['A1']],
      ['u', ['X1']],
      ['t', ['B1']],
      ['t', ['C1', 'C2', 'C3']],
    ]);
  });
});
