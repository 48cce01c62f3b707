import holidays from './data/vn-gov/holidays.json';
import calendarData from './data/vn-gov/calendar.json';
import type { CalendarDefinition, YearSchedule } from './definition/calendar-definition';
import type { CalendarData } from './definition/releases';
import { buildReleases } from './definition/releases';
import type { HolidayRule } from './holidays/holiday-rule';
import { alwaysOpenCalendar, calendarFor, calendarVersions, vnGovCalendar } from './registry';
import { parseInstant, toLocalIso } from './time/iso';
import { VN_GOV_DEFINITIONS } from './vn-gov';
import { createWorkingCalendar } from './working-calendar';

/** FNV-1a of a definition's canonical JSON (sorted keys): pins what each released version computes from. */
function fingerprint(def: CalendarDefinition): string {
  const canonical = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(canonical)
      : v && typeof v === 'object'
        ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, canonical((v as Record<string, unknown>)[k])]))
        : v;
  let h = 0x811c9dc5;
  for (const ch of JSON.stringify(canonical(def))) {
    h ^= ch.charCodeAt(0);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

describe('built-in calendars', () => {
  it('serves the latest VN-GOV release by default and every release by version', () => {
    const latest = vnGovCalendar();
    expect(latest.id).toBe('VN-GOV');
    expect(latest.version).toBe('VN-GOV@2026.1');
    expect(calendarVersions('VN-GOV')).toEqual(['VN-GOV@2026.1']);
    expect(calendarFor('VN-GOV')).toBe(latest);
    expect(calendarFor('VN-GOV', 'VN-GOV@2026.1')).toBe(latest);
    expect(calendarFor('VN-GOV', '2026.1')).toBe(latest);
  });

  it('throws a clear error for an unknown id or version', () => {
    expect(() => calendarFor('VN-HN')).toThrow('Unknown calendar "VN-HN"; known: VN-GOV, TEST-ALWAYS-OPEN');
    expect(() => calendarFor('toString')).toThrow(/Unknown calendar/);
    expect(() => calendarFor('VN-GOV', 'VN-GOV@2019.1')).toThrow('Unknown version "VN-GOV@2019.1" of calendar VN-GOV; known: VN-GOV@2026.1');
    expect(() => calendarFor('VN-GOV', 'TEST-ALWAYS-OPEN@1')).toThrow(/Unknown version/);
  });

  it('released data has not changed under a released version (edit = new release, see README)', () => {
    // If this fails you edited data that a released version computes from. Recorded deadlines and
    // workflow replays depend on it: revert, and append your change as a new release instead.
    // Only a brand-new release gets a new line here.
    expect(Object.fromEntries(VN_GOV_DEFINITIONS.map((d) => [d.version, fingerprint(d)]))).toEqual({
      'VN-GOV@2026.1': '5c3a232d',
    });
  });
});

describe('releases: data changes are appended, older versions keep their answers', () => {
  const data = calendarData as unknown as CalendarData;
  const rules = holidays.rules as readonly HolidayRule[];
  const schedules = VN_GOV_DEFINITIONS[0]!.schedules;
  const cultureDay: HolidayRule = { kind: 'solar', name: 'Ngày Văn hoá Việt Nam', month: 11, day: 24, from: 2027, since: '2026.2' };
  const schedule2027: YearSchedule = { year: 2027, daysOff: ['2027-01-01'], makeUpWorkingDays: [], since: '2026.2' };
  const corrected2026: YearSchedule = { ...schedules.find((s) => s.year === 2026)!, daysOff: ['2026-01-01'], since: '2026.3' };
  const releases = buildReleases(
    { ...data, releases: [...data.releases, { release: '2026.2' }, { release: '2026.3', changes: { officeHours: [[450, 690], [810, 1050]] } }] },
    [...rules, cultureDay],
    [...schedules, schedule2027, corrected2026],
  );
  const [r1, r2, r3] = releases.map(createWorkingCalendar) as [ReturnType<typeof createWorkingCalendar>, ReturnType<typeof createWorkingCalendar>, ReturnType<typeof createWorkingCalendar>];

  it('a new holiday is a data record: on from its release and its year, not before', () => {
    expect(r2.version).toBe('VN-GOV@2026.2');
    expect(r1.isWorkingDay('2028-11-24')).toBe(true); // the released version is unchanged
    expect(r2.isWorkingDay('2028-11-24')).toBe(false); // Friday 24/11/2028
    expect(r2.isWorkingDay('2026-11-24')).toBe(true); // before the year it applies from
  });

  it('a new yearly schedule replaces the default rules for its year only from its release on', () => {
    expect(r1.isWorkingDay('2027-02-09')).toBe(false); // default Tết rule
    expect(r2.isWorkingDay('2027-02-09')).toBe(true); // the (synthetic) official 2027 schedule
  });

  it('a corrected schedule and changed settings apply from their release on', () => {
    expect(r2.isWorkingDay('2026-01-02')).toBe(false);
    expect(r3.isWorkingDay('2026-01-02')).toBe(true);
    expect(r2.officeHours('2026-03-02')).toEqual([[480, 720], [780, 1020]]);
    expect(r3.officeHours('2026-03-02')).toEqual([[450, 690], [810, 1050]]);
  });

  it('the first release equals the shipped one', () => {
    expect(fingerprint(releases[0]!)).toBe(fingerprint(VN_GOV_DEFINITIONS[0]!));
  });

  it('refuses a record naming an unknown release', () => {
    expect(() => buildReleases(data, [{ ...cultureDay, since: '2099.9' }], [])).toThrow(/unknown release "2099.9"/);
  });
});

describe('TEST-ALWAYS-OPEN', () => {
  const open = alwaysOpenCalendar();
  const at = (local: string) => parseInstant(`${local}+07:00`);
  const due = (start: string, amount: number, unit: 'WORKING_DAYS' | 'WORKING_HOURS' | 'SAME_DAY') =>
    toLocalIso(open.due(at(start), { amount, unit }));

  it('is open every minute of every day, holidays included', () => {
    expect(open.version).toBe('TEST-ALWAYS-OPEN@1');
    expect(open.isWorkingDay('2026-02-17')).toBe(true);
    expect(open.isWorkingDay('2026-03-08')).toBe(true);
    expect(open.officeHours('2026-03-08')).toEqual([[0, 1440]]);
  });

  it('counts hours continuously, so short limits pass in real time', () => {
    expect(open.due(at('2026-03-07T23:30'), { amount: 1, unit: 'WORKING_HOURS' }) - at('2026-03-07T23:30')).toBe(3_600_000);
    expect(open.due(at('2026-03-07T12:00'), { amount: 0.001, unit: 'WORKING_HOURS' }) - at('2026-03-07T12:00')).toBe(3_600);
    expect(due('2026-03-07T12:00', 0.5, 'WORKING_DAYS')).toBe('2026-03-07T16:00:00+07:00'); // a day counts 8 h
  });

  it('ends whole days and SAME_DAY at the next local midnight', () => {
    expect(due('2026-03-02T09:00', 1, 'WORKING_DAYS')).toBe('2026-03-04T00:00:00+07:00');
    expect(due('2026-03-07T09:00', 1.5, 'WORKING_DAYS')).toBe('2026-03-09T04:00:00+07:00');
    expect(due('2026-03-02T09:00', 1, 'SAME_DAY')).toBe('2026-03-03T00:00:00+07:00');
    expect(due('2026-03-02T16:00', 1, 'SAME_DAY')).toBe('2026-03-04T00:00:00+07:00');
  });

  it('puts near-due and apology at the start and end of the day before the due date', () => {
    const d = at('2026-03-04T00:00');
    expect(toLocalIso(open.nearDueAt(d))).toBe('2026-03-03T00:00:00+07:00');
    expect(toLocalIso(open.apologyDeadline(d))).toBe('2026-03-04T00:00:00+07:00');
    expect(open.workingDaysBetween(at('2026-03-06T10:00'), at('2026-03-09T10:00'))).toBe(3);
  });
});
