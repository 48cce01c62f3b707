import { z } from 'zod';
import { ActionBodySchemas, differences, EventInstantSchema, HttpActionBodySchemas, InstantSchema, parseScenarioAction } from './index';

describe('free text in commands (personal data stays out of events)', () => {
  it('takes reasons only as codes of their closed list', () => {
    expect(ActionBodySchemas.reject.safeParse({ agency: 'A', reasons: ['NOT_ELIGIBLE'] }).success).toBe(true);
    expect(ActionBodySchemas.reject.safeParse({ agency: 'A', reasons: ['Ông A, CCCD 038201555666'] }).success).toBe(false);
    expect(ActionBodySchemas.withdraw.safeParse({ reason: 'APPLICANT_REQUEST' }).success).toBe(true);
    expect(ActionBodySchemas.withdraw.safeParse({ reason: 'không cần nữa' }).success).toBe(false);
    expect(ActionBodySchemas.requestIntakeSupplement.safeParse({ missing: ['TO_KHAI', 'BAN_SAO.CCCD'] }).success).toBe(true);
    expect(ActionBodySchemas.requestIntakeSupplement.safeParse({ missing: ['bản sao CCCD của ông A'] }).success).toBe(false);
  });

  it('lets the HTTP body carry a note, and the command only its reference', () => {
    expect(HttpActionBodySchemas.refuseIntake.parse({ reasons: ['OTHER'], note: 'Ông A' })).toEqual({ reasons: ['OTHER'], note: 'Ông A' });
    expect(HttpActionBodySchemas.refuseIntake.parse({ noteRef: 'note:' + 'a'.repeat(32) })).toEqual({});
    expect(ActionBodySchemas.refuseIntake.parse({ note: 'Ông A', noteRef: 'note:' + 'a'.repeat(32) })).toEqual({ noteRef: 'note:' + 'a'.repeat(32) });
    // Found by schemathesis: a NUL cannot be stored in PostgreSQL text (it answered 500).
    expect(HttpActionBodySchemas.refuseIntake.safeParse({ note: 'a\u0000b' }).success).toBe(false);
    expect(HttpActionBodySchemas.refuseIntake.safeParse({ note: 'dòng 1\ndòng 2\tcột' }).success).toBe(true);
  });

  it('leaves a scenario\'s descriptive prose out instead of failing the scenario', () => {
    expect(parseScenarioAction({ at: '2026-03-02T09:00:00+07:00', do: 'refuseIntake', reasons: ['thiếu tờ khai'] })).toEqual({
      ok: true,
      at: '2026-03-02T09:00:00+07:00',
      action: 'refuseIntake',
      body: {},
    });
  });
});

describe('scenario actions on the wire', () => {
  it('reads a well-formed action and drops fields it does not know', () => {
    expect(parseScenarioAction({ at: '2026-03-02T09:00:00+07:00', do: 'complete', agency: 'SO_A', note: 'x' })).toEqual({
      ok: true,
      at: '2026-03-02T09:00:00+07:00',
      action: 'complete',
      body: { agency: 'SO_A' },
    });
  });

  it.each([
    [{ at: '2026-03-02T09:00:00+07:00', do: 'teleport' }, /unknown action "teleport"/],
    [{ at: '2026-03-02T09:00:00+07:00', do: 'complete' }, /agency/],
    [{ at: '2026-03-02 09:00', do: 'accept' }, /at/],
    [{ at: '2026-03-02T09:00:00+07:00', do: 'submit', channel: 'POSTAL' }, /channel/],
    [{ at: '2026-03-02T09:00:00+07:00', do: 'apologize', agency: 'A', newAppointment: '9999-12-31T23:59:59Z' }, /2000–2099[\s\S]*newAppointment/],
    [{ at: '2026-03-02T09:00:00+07:00', do: 'apologize', agency: 'A', newAppointment: '2100-01-01T00:00:00+07:00' }, /newAppointment/],
    [{ at: '1999-12-31T17:00:00+07:00', do: 'accept' }, /2000–2099[\s\S]*at/],
    [{ at: '+010000-01-01T00:00:00Z', do: 'accept' }, /at/],
    [{ at: '2026-03-02T09:00+07:00', do: 'accept' }, /at/],
  ])('refuses a malformed action %j', (raw, error) => {
    const parsed = parseScenarioAction(raw);
    expect(parsed.ok).toBe(false);
    expect((parsed as { error: string }).error).toMatch(error);
  });
});

describe('instants on the wire', () => {
  it('are RFC 3339 with an offset and a year written 2000–2099', () => {
    for (const ok of ['2026-03-02T09:00:00+07:00', '2026-03-02T02:00:00Z', '2000-01-01T00:00:00+07:00', '2099-12-31T23:59:59.999-05:00', '2024-02-29T10:00:00+07:00']) {
      expect([ok, InstantSchema.safeParse(ok).success]).toEqual([ok, true]);
    }
    for (const bad of ['9999-12-31T23:59:59Z', '2100-01-01T00:00:00+07:00', '1999-12-31T23:59:59+07:00', '0026-03-02T09:00:00+07:00', '2026-02-29T10:00:00+07:00', '2026-03-02T09:00:00', '2026-03-02 09:00:00+07:00']) {
      expect([bad, InstantSchema.safeParse(bad).success]).toEqual([bad, false]);
    }
  });
});

describe('instants in events', () => {
  it('are written in Vietnam time, one spelling each, and read back to the same millisecond', () => {
    for (const [ms, iso] of [
      [Date.parse('2026-03-02T02:00:00Z'), '2026-03-02T09:00:00+07:00'],
      [Date.parse('2025-12-31T17:00:00.007Z'), '2026-01-01T00:00:00.007+07:00'],
    ] as const) {
      expect(z.encode(EventInstantSchema, ms)).toBe(iso);
      expect(z.decode(EventInstantSchema, iso)).toBe(ms);
    }
  });

  it('refuse any other offset or spelling, and numbers', () => {
    for (const bad of ['2026-03-02T02:00:00Z', '2026-03-02T02:00:00+00:00', '2026-03-02T09:00+07:00', '2026-03-02T09:00:00.5+07:00', '2026-02-29T10:00:00+07:00', '2100-01-01T00:00:00+07:00', 1772420400000]) {
      expect([bad, EventInstantSchema.safeParse(bad).success]).toEqual([bad, false]);
    }
  });
});

describe('comparing a result with an expectation', () => {
  const actual = {
    appointment: '2026-03-16T17:00:00+07:00',
    finalAppointment: '2026-03-16T17:00:00+07:00',
    status: 'RETURNED',
    outcome: 'EARLY',
    stages: [],
    alerts: [
      { type: 'OVERDUE', scope: 'STAGE', agency: 'A', at: '2026-03-10T17:00:00+07:00' },
      { type: 'NEAR_DUE', scope: 'DOSSIER', agency: null, at: '2026-03-13T08:00:00+07:00' },
    ],
    apologies: 0,
    rejected: [],
  };

  it('compares instants as instants at second precision and alerts as a set', () => {
    expect(
      differences(actual, {
        ...actual,
        appointment: '2026-03-16T10:00:00.400Z',
        alerts: [{ type: 'NEAR_DUE', scope: 'DOSSIER', at: '2026-03-13T01:00:00Z' }, actual.alerts[0]],
      }),
    ).toEqual([]);
  });

  it('names each field that differs', () => {
    expect(differences(actual, { ...actual, outcome: 'LATE', rejected: [2] })).toEqual([
      'outcome: expected "LATE", got "EARLY"',
      'rejected: expected [2], got []',
    ]);
  });
});
