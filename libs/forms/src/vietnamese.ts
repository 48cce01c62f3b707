import { toLocalIso } from '@motcua/calendar';
import type { Outcome } from '@motcua/contracts';

const parts = (instant: number) => {
  const [, y, mo, d, h, mi] = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(toLocalIso(instant))!;
  return { y, mo, d, h, mi };
};

/** "09 giờ 20 phút, ngày 02 tháng 03 năm 2026" (Vietnam time), as the forms write an instant. */
export function vnDateTime(instant: number): string {
  const { y, mo, d, h, mi } = parts(instant);
  return `${h} giờ ${mi} phút, ngày ${d} tháng ${mo} năm ${y}`;
}

/** "ngày 02 tháng 03 năm 2026". */
export function vnDate(instant: number): string {
  const { y, mo, d } = parts(instant);
  return `ngày ${d} tháng ${mo} năm ${y}`;
}

export const OUTCOME_LABELS: Record<Outcome, string> = { EARLY: 'Trước hạn', ON_TIME: 'Đúng hạn', LATE: 'Quá hạn' };

/** A blank to fill by hand where the data is not kept (the applicant of a simulated dossier). */
export const BLANK = '…………………………………………';
