import { ALERTS_AT_DEADLINE, dueIndices, dueInstant, latenessReport, spreadOf, workingHoursUntil, type AlertRead } from './alert-lateness';

describe('alert lateness of npm run bench -- --open N', () => {
  it('gives nearest-rank p50, p99 and the maximum, whatever the order', () => {
    expect(spreadOf([])).toBeNull();
    expect(spreadOf([7])).toEqual({ p50: 7, p99: 7, max: 7 });
    expect(spreadOf([4, 1, 3, 2])).toEqual({ p50: 2, p99: 4, max: 4 });
    const hundred = Array.from({ length: 100 }, (_, i) => 100 - i); // 100 … 1
    expect(spreadOf(hundred)).toEqual({ p50: 50, p99: 99, max: 100 });
    expect(spreadOf([...hundred, 5000])).toEqual({ p50: 51, p99: 100, max: 5000 });
    expect(spreadOf([-3, 10])).toEqual({ p50: -3, p99: 10, max: 10 }); // read "before" its instant: clocks apart
  });

  it('spreads the due dossiers evenly among the others, after the warm-up', () => {
    expect([...dueIndices(10, 5).entries()]).toEqual([[0, 0], [2, 1], [4, 2], [6, 3], [8, 4]]);
    expect([...dueIndices(300, 3, 200).keys()]).toEqual([200, 233, 266]);
    expect(dueIndices(10, 0).size).toBe(0);
    expect(dueIndices(10, 20, 5).size).toBe(5); // no more than there are dossiers left
    expect(new Set(dueIndices(100000, 1000, 200).keys()).size).toBe(1000);
  });

  it('places the due instants evenly over the spread, and the time limit that reaches one', () => {
    expect([0, 1, 2, 3, 4].map((j) => dueInstant(1000, 60_000, j, 5))).toEqual([1000, 16000, 31000, 46000, 61000]);
    expect(dueInstant(1000, 60_000, 0, 1)).toBe(1000);
    expect(workingHoursUntil(7_200_000, 0)).toBe(2);
    expect(workingHoursUntil(500, 0)).toBeCloseTo(1000 / 3_600_000, 6); // never less than a second
    expect(workingHoursUntil(1000 + 90_000, 1000) * 3_600_000).toBeCloseTo(90_000, -1); // within a few ms
  });

  it('measures each expected alert once, from its instant to its reading, and counts what is missing or extra', () => {
    const read = (id: string, code: string, kind: string, at: number, readAt: number): AlertRead => ({ id, code, kind, at, readAt });
    const due = new Set(['A', 'B']);
    const report = latenessReport(
      [
        read('1', 'A', 'OVERDUE/DOSSIER', 10_000, 10_120),
        read('2', 'A', 'APOLOGY_MISSED/DOSSIER', 10_000, 10_130),
        read('3', 'A', 'OVERDUE/STAGE', 10_000, 10_900),
        read('3', 'A', 'OVERDUE/STAGE', 10_000, 12_000), // redelivered: counted once
        read('4', 'B', 'OVERDUE/DOSSIER', 4_000, 4_050), // due before the starts ended
        read('5', 'C', 'OVERDUE/DOSSIER', 9_000, 9_010), // not a due dossier
        read('6', 'B', 'NEAR_DUE/DOSSIER', 9_000, 9_010), // not an alert of the deadline
      ],
      due,
      5_000,
    );
    expect(report).toEqual({
      expected: 2 * ALERTS_AT_DEADLINE.length,
      read: 4,
      missing: 2,
      duplicates: 1,
      unexpected: 2,
      latenessMs: { p50: 120, p99: 900, max: 900 },
      dueDuringStarts: 1,
    });
  });
});
