import type { HttpAction } from '../dossiers/http-actions';

/** What each officer's action does, in the officer's words (shown on the dossier page before the click). */
export const ACTION_EFFECTS: Record<HttpAction, string> = {
  submit: 'Nộp lại hồ sơ đã bổ sung theo Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (Mẫu 02); hồ sơ chờ tiếp nhận',
  accept: 'Tiếp nhận hồ sơ, in Phiếu tiếp nhận và hẹn trả kết quả (Mẫu 01), bắt đầu tính thời hạn giải quyết và chuyển hồ sơ đến cơ quan giải quyết đầu tiên',
  requestIntakeSupplement: 'Yêu cầu bổ sung, hoàn thiện hồ sơ (Mẫu 02), nêu đầy đủ một lần các thành phần còn thiếu; hồ sơ chưa được tiếp nhận, chưa tính thời hạn',
  refuseIntake: 'Từ chối tiếp nhận hồ sơ (Mẫu 03), nêu rõ lý do; hồ sơ kết thúc',
  complete: 'Hoàn thành phần việc của cơ quan mình ở bước hiện tại; hồ sơ chuyển sang bước tiếp theo, hoặc trả kết quả về Bộ phận Một cửa nếu là bước cuối',
  requestSupplement: 'Yêu cầu người nộp bổ sung hồ sơ; thời hạn giải quyết tạm dừng và được tính lại từ đầu khi nhận đủ hồ sơ bổ sung',
  supplement: 'Nhận đủ hồ sơ bổ sung; thời hạn giải quyết được tính lại từ đầu, với ngày hẹn trả kết quả mới',
  apologize: 'Gửi Phiếu xin lỗi và hẹn lại ngày trả kết quả (Mẫu 04) với ngày hẹn mới; mỗi hồ sơ chỉ một lần',
  assign: 'Phân công cán bộ xử lý phần việc của cơ quan mình',
  appraise: 'Ghi nhận đã thẩm định phần việc của cơ quan mình',
  approve: 'Ghi nhận lãnh đạo cơ quan đã phê duyệt; phần việc hoàn thành khi bấm Hoàn thành',
  reject: 'Từ chối giải quyết hồ sơ, nêu rõ lý do; văn bản từ chối được chuyển về Bộ phận Một cửa để trả người nộp; hồ sơ kết thúc',
  stop: 'Dừng giải quyết hồ sơ, nêu rõ lý do; hồ sơ kết thúc',
  withdraw: 'Ghi nhận người nộp rút hồ sơ; hồ sơ kết thúc, thôi tính thời hạn',
  return: 'Trả kết quả cho người nộp (tại quầy, trực tuyến) hoặc giao bưu chính phát đến địa chỉ người nộp',
  consult: 'Lấy ý kiến cơ quan khác trong thời hạn được giao; thời hạn giải quyết hồ sơ vẫn tiếp tục tính',
  answerConsultation: 'Trả lời ý kiến cơ quan chủ trì đã hỏi (quá hạn trả lời thì ghi nhận trễ)',
  rate: 'Ghi nhận mức độ hài lòng của người nộp (mỗi hồ sơ một lần)',
};
