/** The workbench's Vietnamese words for channels, actions and the rules that refuse them. */
export const CHANNEL_TEXT: Record<string, string> = { COUNTER: 'Tại quầy', ONLINE: 'Trực tuyến', POSTAL: 'Bưu chính công ích' };

export const ACTION_TEXT: Record<string, string> = {
  submit: 'Nộp lại hồ sơ (sau Mẫu 02)',
  accept: 'Tiếp nhận hồ sơ (Mẫu 01)',
  requestIntakeSupplement: 'Yêu cầu bổ sung khi tiếp nhận (Mẫu 02)',
  refuseIntake: 'Từ chối tiếp nhận (Mẫu 03)',
  complete: 'Hoàn thành phần việc của cơ quan',
  requestSupplement: 'Yêu cầu bổ sung hồ sơ',
  supplement: 'Nhận hồ sơ bổ sung',
  apologize: 'Thư xin lỗi, hẹn lại (Mẫu 04)',
  assign: 'Phân công cán bộ',
  appraise: 'Ghi nhận thẩm định',
  approve: 'Phê duyệt',
  reject: 'Từ chối giải quyết',
  stop: 'Dừng giải quyết',
  withdraw: 'Rút hồ sơ',
  return: 'Trả kết quả',
  consult: 'Xin ý kiến cơ quan khác',
  answerConsultation: 'Trả lời xin ý kiến',
  rate: 'Ghi nhận đánh giá của người dân',
};

/** What each action does, when the API does not say it (docs/contracts.md, Actions over HTTP). */
export const EFFECT_TEXT: Record<string, string> = {
  submit: 'Hồ sơ được nộp lại, chờ tiếp nhận.',
  accept: 'Tiếp nhận hồ sơ, in giấy tiếp nhận và hẹn trả kết quả (Mẫu 01); bắt đầu tính thời hạn và chuyển cho cơ quan đầu tiên.',
  requestIntakeSupplement: 'Hồ sơ chưa đầy đủ: hướng dẫn bổ sung một lần các giấy tờ còn thiếu (Mẫu 02); chưa tính thời hạn.',
  refuseIntake: 'Từ chối tiếp nhận, nêu rõ lý do (Mẫu 03); hồ sơ kết thúc.',
  complete: 'Cơ quan hoàn thành phần việc của mình; hồ sơ chuyển bước sau hoặc có kết quả.',
  requestSupplement: 'Yêu cầu bổ sung sau thẩm định: thời hạn dừng cho đến khi nhận đủ.',
  supplement: 'Nhận đủ hồ sơ bổ sung: thời hạn được tính lại từ đầu.',
  apologize: 'Gửi thư xin lỗi với ngày hẹn mới (Mẫu 04); mỗi hồ sơ chỉ một lần.',
  assign: 'Giao phần việc của cơ quan cho một cán bộ.',
  appraise: 'Ghi nhận đã thẩm định phần việc của cơ quan.',
  approve: 'Ghi nhận lãnh đạo đã phê duyệt.',
  reject: 'Từ chối giải quyết, nêu lý do; hồ sơ kết thúc với kết quả từ chối.',
  stop: 'Dừng giải quyết, nêu lý do; hồ sơ kết thúc.',
  withdraw: 'Người yêu cầu rút hồ sơ; hồ sơ kết thúc.',
  return: 'Trả kết quả cho người yêu cầu (tại quầy, trực tuyến hoặc qua bưu chính).',
  consult: 'Xin ý kiến cơ quan khác, với thời hạn trả lời riêng; thời hạn giải quyết vẫn tính.',
  answerConsultation: 'Gửi ý kiến trả lời cơ quan đã hỏi.',
  rate: 'Ghi nhận mức độ hài lòng của người dân.',
};

/** The rules' meaning in Vietnamese (docs/contracts.md, the rule table): what a refusal says before and after a click. */
export const RULE_TEXT: Record<string, string> = {
  'LIFECYCLE.ACTION_NOT_ALLOWED': 'Thao tác này không được phép ở tình trạng hiện tại của hồ sơ.',
  'LIFECYCLE.DOSSIER_CLOSED': 'Hồ sơ đã kết thúc: không thể thao tác thêm.',
  'LIFECYCLE.TIME_OUT_OF_ORDER': 'Thời điểm thao tác sớm hơn sự kiện cuối của hồ sơ.',
  'ROUTE.AGENCY_DOES_NOT_HOLD': 'Cơ quan của bạn không đang giữ hồ sơ ở bước này.',
  'ACCESS.AGENCY_MISMATCH': 'Thao tác nêu một cơ quan khác với cơ quan của bạn.',
  'ACCESS.ROLE_MAY_NOT': 'Vai trò của bạn không được thực hiện thao tác này.',
  'ACCESS.NOT_THE_RECEIVING_UNIT': 'Bạn không thuộc bộ phận một cửa đã tiếp nhận hồ sơ này.',
  'ACCESS.NOT_ON_ROUTE': 'Cơ quan của bạn không có trong quy trình của hồ sơ này.',
  'ACCESS.NOT_CONSULTED': 'Cơ quan của bạn không được xin ý kiến về hồ sơ này.',
  'ACCESS.MAY_NOT_READ': 'Tài khoản này không được xem hồ sơ này.',
  'CONSULTATION.OF_ITSELF': 'Cơ quan không thể tự xin ý kiến chính mình.',
  'CONSULTATION.ALREADY_OPEN': 'Đã xin ý kiến cơ quan này và chưa có trả lời.',
  'CONSULTATION.NONE_OPEN': 'Không có yêu cầu xin ý kiến nào đang chờ cơ quan của bạn trả lời.',
  'RATING.ALREADY_GIVEN': 'Hồ sơ đã được đánh giá.',
  'SUPPLEMENT.LIMIT_REACHED': 'Đã hết số lần được yêu cầu bổ sung cho thủ tục này.',
  'APOLOGY.ALREADY_GIVEN': 'Mỗi hồ sơ chỉ được xin lỗi, hẹn lại một lần.',
  'APOLOGY.NOT_LATER_THAN_APPOINTMENT': 'Ngày hẹn mới phải sau ngày hẹn đang có hiệu lực.',
  'APOLOGY.NOT_IN_FUTURE': 'Ngày hẹn mới phải sau thời điểm xin lỗi.',
  'APOLOGY.BEYOND_BOUND': 'Ngày hẹn mới vượt quá giới hạn cho phép (hẹn trả cộng thêm thời hạn của thủ tục).',
  'APOLOGY.NOT_WORKING_TIME': 'Ngày hẹn mới phải trong giờ làm việc của một ngày làm việc.',
  'RETURN.CHANNEL_NOT_ALLOWED': 'Kết quả bưu điện đã trả về chỉ được nhận tại quầy.',
  'POSTAL.NOT_FOR_PROCEDURE': 'Thủ tục này yêu cầu người dân đến trực tiếp.',
  'IDEMPOTENCY.KEY_REUSED': 'Khóa chống gửi trùng đã dùng cho một yêu cầu khác.',
  'CATALOG.UNKNOWN_PROCEDURE': 'Thủ tục không có trong danh mục.',
  'FORMS.NOT_APPLICABLE': 'Hồ sơ chưa có sự kiện để in mẫu này.',
};

/** A refusal in the rule's words (before a click: the rule is enough), then the API's own message (after a refused click). */
export function refusalText(rule: string | null | undefined, message: string | null | undefined): string {
  const words = rule ? RULE_TEXT[rule] : undefined;
  if (!words) return message ?? 'Không được phép.';
  return message ? `${words} (${rule}: ${message})` : `${words} (${rule})`;
}
