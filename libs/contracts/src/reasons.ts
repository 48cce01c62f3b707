import { z } from 'zod';
import {
  APOLOGY_REASON_LABELS,
  DELIVERY_FAILURE_REASON_LABELS,
  INTAKE_REFUSAL_REASON_LABELS,
  REJECTION_REASON_LABELS,
  SATISFACTION_LEVEL_LABELS,
  STOP_REASON_LABELS,
  WITHDRAWAL_REASON_LABELS,
} from './reason-labels';

/**
 * Why an officer refused, rejected, stopped, apologised or recorded a withdrawal, as codes from
 * closed lists (with the Vietnamese wording the forms print). Events and Kafka carry only these
 * codes: free text can name people, so what an officer writes beside a code stays in the
 * operational store, and the event carries its reference (`noteRef`).
 */
const closedList = <T extends Record<string, string>>(labels: T) => {
  const codes = Object.keys(labels) as [keyof T & string, ...(keyof T & string)[]];
  return { labels, schema: z.enum(codes) };
};

/** Form 03 (refusal at intake), Decree 61/2018 Art. 15–16. */
export const IntakeRefusalReasons = closedList(INTAKE_REFUSAL_REASON_LABELS);

/** Refusal after appraisal (a result: the dossier ends REJECTED). */
export const RejectionReasons = closedList(REJECTION_REASON_LABELS);

/** Processing stopped by the holding agency (terminal). */
export const StopReasons = closedList(STOP_REASON_LABELS);

/** Form 04: why the agency needs more time. */
export const ApologyReasons = closedList(APOLOGY_REASON_LABELS);

export const WithdrawalReasons = closedList(WITHDRAWAL_REASON_LABELS);

/** What the post reports for a failed delivery attempt. */
export const DeliveryFailureReasons = closedList(DELIVERY_FAILURE_REASON_LABELS);

/**
 * A document of a procedure's dossier (thành phần hồ sơ), by code: what Forms 02 list as missing.
 * Codes, not names, so a list of missing documents cannot carry personal data.
 */
export const DocumentCodeSchema = z
  .string()
  .regex(/^[A-Z][A-Z0-9_.]{1,63}$/, 'a document code: capital letters, digits, _ and . (2–64)');

/** The reference an event carries to the note kept in the operational store. */
export const NoteRefSchema = z.string().regex(/^note:[0-9a-f]{32,64}$/, 'a note reference');

/**
 * What an officer may write beside a code: kept in the store, never in events. Text, not bytes:
 * control characters other than tab and line breaks are refused (a NUL cannot even be stored).
 */
export const NoteSchema = z
  .string()
  .trim()
  .min(1)
  .max(2000)
  .regex(/^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]*$/, 'text without control characters');

/**
 * The applicant's satisfaction with the service, once the result is in hand (ONE-STOP.md §8): the
 * three levels of the one-stop evaluation (Decree 61/2018 Art. 30; Circular 01/2018/TT-VPCP).
 */
export const SatisfactionLevels = closedList(SATISFACTION_LEVEL_LABELS);
