/**
 * The closed lists' Vietnamese wording, as the forms print it (reasons.ts makes the schemas of
 * their codes). Apart from zod, so a web page can show the labels without bundling the schemas.
 */
/** Form 03 (refusal at intake), Decree 61/2018 Art. 15–16. */
export const INTAKE_REFUSAL_REASON_LABELS = {
  NOT_COMPETENT: 'Không thuộc thẩm quyền giải quyết của cơ quan',
  NOT_ELIGIBLE: 'Không đủ điều kiện theo quy định',
  DOCUMENTS_INVALID: 'Giấy tờ không hợp lệ',
  FALSIFIED_DOCUMENTS: 'Giấy tờ có dấu hiệu giả mạo',
  DUPLICATE_SUBMISSION: 'Hồ sơ đã được tiếp nhận trước đó',
  OTHER: 'Lý do khác (ghi chú kèm theo)',
} as const;

/** Refusal after appraisal (a result: the dossier ends REJECTED). */
export const REJECTION_REASON_LABELS = {
  NOT_ELIGIBLE: 'Không đủ điều kiện theo quy định',
  LEGAL_CONDITIONS_NOT_MET: 'Không đáp ứng điều kiện pháp lý',
  DOCUMENTS_INVALID: 'Giấy tờ không hợp lệ',
  FALSIFIED_DOCUMENTS: 'Giấy tờ có dấu hiệu giả mạo',
  VERIFICATION_FAILED: 'Kết quả xác minh không phù hợp',
  OTHER: 'Lý do khác (ghi chú kèm theo)',
} as const;

/** Processing stopped by the holding agency (terminal). */
export const STOP_REASON_LABELS = {
  APPLICANT_DECEASED_OR_DISSOLVED: 'Người yêu cầu chết hoặc tổ chức giải thể',
  AUTHORITY_DECISION: 'Theo quyết định của cơ quan có thẩm quyền',
  SUBJECT_NO_LONGER_EXISTS: 'Đối tượng giải quyết không còn',
  DUPLICATE_DOSSIER: 'Trùng với hồ sơ khác đang giải quyết',
  OTHER: 'Lý do khác (ghi chú kèm theo)',
} as const;

/** Form 04: why the agency needs more time. */
export const APOLOGY_REASON_LABELS = {
  WORKLOAD: 'Khối lượng hồ sơ lớn',
  VERIFICATION_PENDING: 'Đang chờ xác minh',
  CONSULTATION_PENDING: 'Đang chờ ý kiến cơ quan liên quan',
  SYSTEM_FAULT: 'Sự cố hệ thống',
  OTHER: 'Lý do khác (ghi chú kèm theo)',
} as const;

export const WITHDRAWAL_REASON_LABELS = {
  APPLICANT_REQUEST: 'Người yêu cầu xin rút hồ sơ',
  OTHER: 'Lý do khác (ghi chú kèm theo)',
} as const;

/** What the post reports for a failed delivery attempt. */
export const DELIVERY_FAILURE_REASON_LABELS = {
  RECIPIENT_ABSENT: 'Người nhận vắng mặt',
  ADDRESS_NOT_FOUND: 'Không tìm thấy địa chỉ',
  REFUSED_BY_RECIPIENT: 'Người nhận từ chối nhận',
  IDENTITY_NOT_VERIFIED: 'Không xác minh được người nhận',
  OTHER: 'Lý do khác',
} as const;

export const SATISFACTION_LEVEL_LABELS = {
  VERY_SATISFIED: 'Rất hài lòng',
  SATISFIED: 'Hài lòng',
  DISSATISFIED: 'Không hài lòng',
} as const;
