import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * The II.06a count of a set of scenario files, computed here from the files alone: their actions
 * (those the author expects accepted, i.e. not in `expect.rejected`), their dates and their
 * expected outcome, status and appointment. Written apart from libs/reports on purpose (it shares
 * no code with it), so that the reports are checked against an independent count.
 */
export const SCENARIO_ROOT = path.resolve(__dirname, '../../../../scenarios/scenarios');

type Action = { at: string; do: string; channel?: string };
type Route = ({ agency: string } | { parallel: { agency: string }[] })[];
interface ScenarioFile {
  id: string;
  procedure: { route: Route; field?: string };
  actions: Action[];
  expect: { appointment: string | null; outcome: string | null; status: string; rejected: number[] };
}

/**
 * Legal appointments of the scenarios whose clock restarts, in order, from their descriptions
 * ("Hand: …", counted by their authors); every other scenario has one: `expect.appointment`.
 */
const RESTARTED: Record<string, string[]> = {
  'M01-supplement-after-apology': ['2026-03-16T17:00:00+07:00', '2026-03-25T17:00:00+07:00'],
  'M08-late-supplement-request': ['2026-10-19T17:00:00+07:00', '2026-10-30T17:00:00+07:00'],
  'M09-two-supplements-allowed': ['2026-07-13T17:00:00+07:00', '2026-07-16T17:00:00+07:00', '2026-07-22T17:00:00+07:00'],
  // Accepted Mon 9/3/2026 08:50, 10 working days from Tue 10/3 (no holiday in March 2026): Mon 23/3.
  'P03-supplement-restarts-the-clock': ['2026-03-23T17:00:00+07:00', '2026-03-30T17:00:00+07:00'],
};

/** One scenario's dossier, as its file says it went. */
export interface ExpectedDossier {
  id: string;
  /** The status the file expects at its end. */
  status: string;
  leadAgency: string;
  field: string | null;
  channel: string | null;
  received: number | null;
  finished: number | null;
  outcome: string | null;
  withdrawn: number | null;
  refusedAtIntake: number | null;
  /** [from, due] of each legal appointment. */
  appointments: [number, number][];
  /** [from, until] of each wait for a supplement after appraisal (until null: still waiting). */
  waits: [number, number | null][];
  supplementRequests: number[];
  intakeSupplementRequests: number[];
  apologies: number[];
}

function files(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((d) => (d.isDirectory() ? files(path.join(dir, d.name)) : d.name.endsWith('.json') ? [path.join(dir, d.name)] : []))
    .sort();
}

export function expectedDossiers(dir = SCENARIO_ROOT): ExpectedDossier[] {
  return files(dir).map((file) => {
    const s = JSON.parse(fs.readFileSync(file, 'utf8')) as ScenarioFile;
    const last = s.procedure.route[s.procedure.route.length - 1];
    const d: ExpectedDossier = {
      id: s.id,
      status: s.expect.status,
      leadAgency: 'parallel' in last ? last.parallel[0].agency : last.agency,
      field: s.procedure.field ?? null,
      channel: null,
      received: null,
      finished: null,
      outcome: s.expect.outcome,
      withdrawn: null,
      refusedAtIntake: null,
      appointments: [],
      waits: [],
      supplementRequests: [],
      intakeSupplementRequests: [],
      apologies: [],
    };
    const dues = (RESTARTED[s.id] ?? [s.expect.appointment]).map((x) => (x === null ? NaN : Date.parse(x)));
    let handover: number | null = null;
    let lastWork: number | null = null;
    s.actions.forEach((a, i) => {
      if (s.expect.rejected.includes(i)) return;
      const t = Date.parse(a.at);
      switch (a.do) {
        case 'submit':
          d.channel = a.channel ?? null;
          break;
        case 'postalHandover':
          d.channel = 'POSTAL';
          handover = t;
          break;
        case 'accept':
          // For the post the legal clock starts at the signed handover, not at the acceptance.
          d.received = handover ?? t;
          d.appointments.push([d.received, dues[0]]);
          break;
        case 'requestSupplement':
          d.supplementRequests.push(t);
          d.waits.push([t, null]);
          break;
        case 'supplement':
          d.waits[d.waits.length - 1][1] = t;
          d.appointments.push([t, dues[d.appointments.length]]);
          break;
        case 'requestIntakeSupplement':
          d.intakeSupplementRequests.push(t);
          break;
        case 'refuseIntake':
          d.refusedAtIntake = t;
          break;
        case 'apologize':
          d.apologies.push(t);
          break;
        case 'withdraw':
          d.withdrawn = t;
          break;
        case 'complete':
        case 'reject':
          lastWork = t;
          break;
      }
    });
    // The last piece of work the author expects accepted made the result (the outcome is theirs).
    if (s.expect.outcome !== null) d.finished = lastWork;
    if (RESTARTED[s.id] && RESTARTED[s.id][RESTARTED[s.id].length - 1] !== s.expect.appointment) throw new Error(`${s.id}: the hand table disagrees with expect.appointment`);
    return d;
  });
}

export interface CountRow {
  agency: string | null;
  field: string | null;
  received: { total: number; carriedOver: number; online: number; direct: number; postal: number };
  resolved: { total: number; early: number; onTime: number; late: number };
  inProgress: { total: number; withinLimit: number; overdue: number };
  withdrawn: number;
  refusedAtIntake: number;
  intakeSupplementRequests: number;
  supplementRequests: number;
  apologies: number;
}

const empty = (agency: string | null, field: string | null): CountRow => ({
  agency,
  field,
  received: { total: 0, carriedOver: 0, online: 0, direct: 0, postal: 0 },
  resolved: { total: 0, early: 0, onTime: 0, late: 0 },
  inProgress: { total: 0, withinLimit: 0, overdue: 0 },
  withdrawn: 0,
  refusedAtIntake: 0,
  intakeSupplementRequests: 0,
  supplementRequests: 0,
  apologies: 0,
});

/** Midnight +07:00 of a YYYY-MM-DD. */
const vnMidnight = (date: string) => Date.parse(`${date}T00:00:00+07:00`);

/** The period's II.06a by lead agency and field (rows where anything counts) and the total. */
export function countIi06a(dossiers: readonly ExpectedDossier[], from: string, to: string): { total: Omit<CountRow, 'agency' | 'field'>; rows: CountRow[] } {
  const start = vnMidnight(from);
  const end = vnMidnight(to) + 24 * 3_600_000;
  const inside = (t: number | null) => t !== null && t >= start && t < end;
  const rows = new Map<string, CountRow>();
  const total = empty(null, null);
  for (const d of dossiers) {
    const row = empty(d.leadAgency, d.field);
    row.refusedAtIntake = inside(d.refusedAtIntake) ? 1 : 0;
    row.intakeSupplementRequests = d.intakeSupplementRequests.filter(inside).length;
    row.supplementRequests = d.supplementRequests.filter(inside).length;
    row.apologies = d.apologies.filter(inside).length;
    const ended = d.finished ?? d.withdrawn;
    if (d.received !== null && d.received < end && !(ended !== null && ended < start)) {
      row.received.total = 1;
      if (d.received < start) row.received.carriedOver = 1;
      else if (d.channel === 'ONLINE') row.received.online = 1;
      else if (d.channel === 'POSTAL') row.received.postal = 1;
      else row.received.direct = 1;
      if (inside(d.finished)) {
        row.resolved.total = 1;
        if (d.outcome === 'EARLY') row.resolved.early = 1;
        if (d.outcome === 'ON_TIME') row.resolved.onTime = 1;
        if (d.outcome === 'LATE') row.resolved.late = 1;
      } else if (inside(d.withdrawn)) {
        row.withdrawn = 1;
      } else {
        row.inProgress.total = 1;
        const waiting = d.waits.some(([a, b]) => a < end && (b === null || b >= end));
        const due = d.appointments.filter(([a]) => a < end).pop()?.[1] ?? null;
        if (!waiting && due !== null && due < end) row.inProgress.overdue = 1;
        else row.inProgress.withinLimit = 1;
      }
    }
    const counted = row.received.total + row.refusedAtIntake + row.intakeSupplementRequests + row.supplementRequests + row.apologies;
    if (counted === 0) continue;
    const key = `${d.leadAgency}|${d.field}`;
    const into = rows.get(key) ?? empty(d.leadAgency, d.field);
    for (const target of [into, total]) add(target, row);
    rows.set(key, into);
  }
  const { agency: _a, field: _f, ...counts } = total;
  return { total: counts, rows: [...rows.values()].sort((a, b) => (a.agency ?? '').localeCompare(b.agency ?? '') || (a.field ?? '').localeCompare(b.field ?? '')) };
}

function add(into: CountRow, c: CountRow) {
  for (const k of ['total', 'carriedOver', 'online', 'direct', 'postal'] as const) into.received[k] += c.received[k];
  for (const k of ['total', 'early', 'onTime', 'late'] as const) into.resolved[k] += c.resolved[k];
  for (const k of ['total', 'withinLimit', 'overdue'] as const) into.inProgress[k] += c.inProgress[k];
  for (const k of ['withdrawn', 'refusedAtIntake', 'intakeSupplementRequests', 'supplementRequests', 'apologies'] as const) into[k] += c[k];
}

/** Periods to compare on: every month and quarter of the scenarios' years, halves, 9 months, years, and day ranges. */
export function periodsOf(years: readonly number[]): [string, string][] {
  const last = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
  const d = (y: number, m: number, day: number) => `${y}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  const out: [string, string][] = [];
  for (const y of years) {
    for (let m = 1; m <= 12; m++) out.push([d(y, m, 1), d(y, m, last(y, m))]);
    for (let q = 0; q < 4; q++) out.push([d(y, q * 3 + 1, 1), d(y, q * 3 + 3, last(y, q * 3 + 3))]);
    out.push([d(y, 1, 1), d(y, 6, 30)], [d(y, 7, 1), d(y, 12, 31)], [d(y, 1, 1), d(y, 9, 30)], [d(y, 1, 1), d(y, 12, 31)]);
  }
  return out;
}
