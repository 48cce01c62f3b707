import { calendarFor, toLocalIso } from '@motcua/calendar';
import { stageMembers, type Procedure, type RouteStage, type Scenario, type TimeLimit } from '@motcua/contracts';

/**
 * Random dossier trips, for checking that the workflow on the time-skipping server computes what
 * the domain computes. Seeded, so a failure names a reproducible seed. Actions are drawn from
 * every kind (including ones the state will refuse), at random gaps from minutes to days.
 */
export function randomScenario(seed: number): Scenario {
  const rnd = mulberry32(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));

  const procedure = randomProcedure(rnd, pick, int);
  const agencies = procedure.route.flatMap((s) => stageMembers(s).map((m) => m.agency));
  const calendar = calendarFor('VN-GOV');

  // A working-day morning in 2024–2026, at a minute with random seconds (so that no action falls
  // exactly on a timer instant, which the scenario README rules out).
  let t = Date.parse(`${int(2024, 2026)}-${String(int(1, 12)).padStart(2, '0')}-${String(int(1, 28)).padStart(2, '0')}T08:00:00+07:00`);
  while (!calendar.isWorkingDay(calendar.localDate(t))) t += 24 * 3600_000;
  t += int(0, 8 * 60) * 60_000 + int(1, 59) * 1000;

  const actions: Record<string, unknown>[] = [];
  const push = (a: Record<string, unknown>) => actions.push({ at: toLocalIso(t), ...a });
  push(rnd() < 0.2 ? { do: 'postalHandover', waybill: `EB${int(100000000, 999999999)}VN` } : { do: 'submit', channel: pick(['COUNTER', 'ONLINE']) });
  const n = int(6, 16);
  for (let i = 1; i < n; i++) {
    t += pick([5, 30, 90, 240, 60 * 20, 60 * 24 * 2, 60 * 24 * 4]) * 60_000 + int(1, 59) * 1000;
    const agency = pick(agencies);
    // Weighted towards progress, so that trips reach stages, results and returns, not only refusals.
    const choices: [number, Record<string, unknown>][] = [
      [3, { do: 'accept' }],
      [7, { do: 'complete', agency }],
      [1, { do: 'requestSupplement', agency }],
      // The optional steps inside the holding agency (refused when the agency does not hold it).
      [1, { do: pick(['assign', 'appraise', 'approve']), agency, officer: 'cb-random' }],
      [2, { do: 'supplement' }],
      [1, { do: 'apologize', agency, newAppointment: toLocalIso(t + int(1, 12) * 24 * 3600_000) }],
      [0.5, { do: 'reject', agency }],
      [0.5, { do: 'requestIntakeSupplement' }],
      [1, { do: 'submit', channel: 'COUNTER' }],
      [0.3, { do: 'withdraw' }],
      [2, { do: 'return', channel: pick(['COUNTER', 'ONLINE', 'POSTAL']) }],
      [1.5, { do: 'postalDeliveryFailed' }],
      [0.5, { do: 'postalDelivered' }],
      [1, { do: 'observe' }],
    ];
    let r = rnd() * choices.reduce((sum, [w]) => sum + w, 0);
    push(choices.find(([w]) => (r -= w) < 0)?.[1] ?? { do: 'observe' });
  }
  return { id: `RANDOM-${seed}`, calendar: 'VN-GOV', procedure, actions };
}

function randomProcedure(rnd: () => number, pick: <T>(xs: readonly T[]) => T, int: (lo: number, hi: number) => number): Procedure {
  const unit = pick(['WORKING_DAYS', 'WORKING_DAYS', 'WORKING_HOURS', 'SAME_DAY'] as const);
  const timeLimit: TimeLimit =
    unit === 'SAME_DAY' ? { amount: 1, unit } : unit === 'WORKING_HOURS' ? { amount: int(4, 24), unit } : { amount: int(1, 12), unit };
  const hours = unit === 'SAME_DAY' ? 8 : unit === 'WORKING_HOURS' ? timeLimit.amount : timeLimit.amount * 8;
  // Split the limit over 1–3 stages (the critical path never exceeds it).
  const stages = Math.min(int(1, 3), Math.max(1, Math.floor(hours / 2)));
  const share = Math.floor(hours / stages);
  const route: RouteStage[] = [];
  for (let i = 0; i < stages; i++) {
    const allotted: TimeLimit = share % 8 === 0 && rnd() < 0.6 ? { amount: share / 8, unit: 'WORKING_DAYS' } : { amount: share, unit: 'WORKING_HOURS' };
    const agency = pick(['SO_TU_PHAP', 'CONG_AN', 'THUE', 'BHXH', 'UBND_XA']);
    route.push(rnd() < 0.3 ? { parallel: [{ agency: `${agency}_A`, allotted }, { agency: `${agency}_B`, allotted: { amount: Math.max(1, share - 1), unit: 'WORKING_HOURS' } }] } : { agency, allotted });
  }
  return { code: 'T.RANDOM', name: 'Thủ tục ngẫu nhiên', timeLimit, route, supplementsAllowed: int(0, 2) };
}

/** A small, well-known seeded PRNG. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
