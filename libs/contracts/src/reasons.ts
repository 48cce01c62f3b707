import { z } from 'zod';

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
export const IntakeRefusalReasons = closedList({
  NOT_COMPETENT: 'Không thuộc thẩm quyền giải quyết của cơ quan',
  NOT_ELIGIBLE: 'Không đủ điều kiện theo quy định',
  DOCUMENTS_INVALID: 'Giấy tờ không hợp lệ',
  FALSIFIED_DOCUMENTS: 'Giấy tờ có dấu hiệu giả mạo',
  DUPLICATE_SUBMISSION: 'Hồ sơ đã được tiếp nhận trước đó',
  OTHER: 'Lý do khác (ghi chú kèm theo)',
});

/** Refusal after appraisal (a result: the dossier ends REJECTED). */
export const RejectionReasons = closedList({
  NOT_ELIGIBLE: 'Không đủ điều kiện theo quy định',
  LEGAL_CONDITIONS_NOT_MET: 'Không đáp ứng điều kiện pháp lý',
  DOCUMENTS_INVALID: 'Giấy tờ không hợp lệ',
  FALSIFIED_DOCUMENTS: 'Giấy tờ có dấu hiệu giả mạo',
  VERIFICATION_FAILED: 'Kết quả xác minh không phù hợp',
  OTHER: 'Lý do khác (ghi chú kèm theo)',
});

/** Processing stopped by the holding agency (terminal). */
export const StopReasons = closedList({
  APPLICANT_DECEASED_OR_DISSOLVED: 'Người yêu cầu chết hoặc tổ chức giải thể',
  AUTHORITY_DECISION: 'Theo quyết định của cơ quan có thẩm quyền',
  SUBJECT_NO_LONGER_EXISTS: 'Đối tượng giải quyết không còn',
  DUPLICATE_DOSSIER: 'Trùng với hồ sơ khác đang giải quyết',
  OTHER: 'Lý do khác (ghi chú kèm theo)',
});

/** Form 04: why the agency needs more time. */
export const ApologyReasons = closedList({
  WORKLOAD: 'Khối lượng hồ sơ lớn',
  VERIFICATION_PENDING: 'Đang chờ xác minh',
  CONSULTATION_PENDING: 'Đang chờ ý kiến cơ quan liên quan',
  SYSTEM_FAULT: 'Sự cố hệ thống',
  OTHER: 'Lý do khác (ghi chú kèm theo)',
});

export const WithdrawalReasons = closedList({
  APPLICANT_REQUEST: 'Người yêu cầu xin rút hồ sơ',
  OTHER: 'Lý do khác (ghi chú kèm theo)',
});

/** What the post reports for a failed delivery attempt. */
export const DeliveryFailureReasons = closedList({
  RECIPIENT_ABSENT: 'Người nhận vắng mặt',
  ADDRESS_NOT_FOUND: 'Không tìm thấy địa chỉ',
  REFUSED_BY_RECIPIENT: 'Người nhận từ chối nhận',
  IDENTITY_NOT_VERIFIED: 'Không xác minh được người nhận',
  OTHER: 'Lý do khác',
});

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
export const SatisfactionLevels = closedList({
  VERY_SATISFIED: 'Rất hài lòng',
  SATISFIED: 'Hài lòng',
  DISSATISFIED: 'Không hài lòng',
});
