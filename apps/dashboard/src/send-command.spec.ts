import { sendCommand } from './web/workbench/send-command';

/**
 * The workbench's commands: a network error or a 503 is retried with the click's own
 * Idempotency-Key (the API then answers the first outcome again, never applying twice); a refusal
 * is answered at once, never retried.
 */
describe('sendCommand', () => {
  const realFetch = global.fetch;
  afterEach(() => {
    global.fetch = realFetch;
    jest.useRealTimers();
  });

  const answering = (...answers: (Response | Error)[]) => {
    const calls: { url: string; init: RequestInit }[] = [];
    global.fetch = jest.fn(async (url: string | URL | Request, init?: RequestInit) => {
      calls.push({ url: String(url), init: init! });
      const next = answers.shift()!;
      if (next instanceof Error) throw next;
      return next;
    }) as typeof fetch;
    return calls;
  };
  const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  const keys = (calls: { init: RequestInit }[]) => calls.map((c) => (c.init.headers as Record<string, string>)['idempotency-key']);

  it('retries a lost answer and a 503 with the same key, then gives the dossier', async () => {
    jest.useFakeTimers();
    const calls = answering(new TypeError('Failed to fetch'), json(503, { error: { code: 'UNAVAILABLE', rule: null, message: 'retry' } }), json(200, { code: 'X', status: 'IN_PROCESSING' }));
    const answer = sendCommand<{ status: string }>('/api/v1/dossiers/X/complete', { agency: 'SO_TU_PHAP' }, 'token', 'wb-1');
    await jest.runAllTimersAsync();
    await expect(answer).resolves.toEqual({ ok: true, status: 200, body: { code: 'X', status: 'IN_PROCESSING' } });
    expect(keys(calls)).toEqual(['wb-1', 'wb-1', 'wb-1']);
    expect(calls.map((c) => c.init.body)).toEqual(Array(3).fill('{"agency":"SO_TU_PHAP"}'));
    expect((calls[0].init.headers as Record<string, string>).authorization).toBe('Bearer token');
  });

  it('answers a refusal at once with its rule, without a retry', async () => {
    const calls = answering(json(409, { error: { code: 'RULE_VIOLATION', rule: 'ROUTE.AGENCY_DOES_NOT_HOLD', message: 'SO_TU_PHAP does not hold' } }));
    await expect(sendCommand('/api/v1/dossiers/X/complete', {}, 'token', 'wb-2')).resolves.toEqual({
      ok: false,
      refusal: { status: 409, code: 'RULE_VIOLATION', rule: 'ROUTE.AGENCY_DOES_NOT_HOLD', message: 'SO_TU_PHAP does not hold' },
    });
    expect(calls).toHaveLength(1);
  });

  it('gives up after its retries with a network refusal (the same key all along)', async () => {
    jest.useFakeTimers();
    const calls = answering(...Array.from({ length: 4 }, () => new TypeError('Failed to fetch')));
    const answer = sendCommand('/api/v1/dossiers/X/accept', {}, 'token', 'wb-3');
    await jest.runAllTimersAsync();
    await expect(answer).resolves.toMatchObject({ ok: false, refusal: { status: 0, code: 'NETWORK' } });
    expect(new Set(keys(calls))).toEqual(new Set(['wb-3']));
    expect(calls).toHaveLength(4);
  });
});
