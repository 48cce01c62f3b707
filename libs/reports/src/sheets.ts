import type { Report766, Rate } from './decision766';
import type { ReportCircular01 } from './circular01';
import type { Figures, FiguresReport } from './figures';
import { flatCounts, type Ii06aReport } from './ii06a';
import { vietnameseDate } from './period';

export type Cell = string | number | null;

/** One table of a report, as the CSV and XLSX formats write it. */
export interface Sheet {
  /** The worksheet's name (at most 31 characters, Excel's limit). */
  name: string;
  /** The title row: the report and its period. */
  title: string;
  headers: string[];
  rows: Cell[][];
}

const periodText = (p: { from: string; to: string }) => `từ ngày ${vietnameseDate(p.from)} đến ngày ${vietnameseDate(p.to)}`;
const TOTAL = 'Tổng cộng';
const NO_FIELD = '(không rõ lĩnh vực)';

export const II06A_HEADERS = [
  'Cơ quan chủ trì',
  'Lĩnh vực',
  'Tổng số hồ sơ tiếp nhận',
  'Kỳ trước chuyển qua',
  'Mới tiếp nhận trực tuyến',
  'Mới tiếp nhận trực tiếp',
  'Mới tiếp nhận qua bưu chính công ích',
  'Đã giải quyết: tổng số',
  'Đã giải quyết: trước hạn',
  'Đã giải quyết: đúng hạn',
  'Đã giải quyết: quá hạn',
  'Đang giải quyết: tổng số',
  'Đang giải quyết: trong hạn',
  'Đang giải quyết: quá hạn',
  'Rút hồ sơ',
  'Dừng xử lý',
  'Từ chối tiếp nhận',
  'Yêu cầu bổ sung khi tiếp nhận',
  'Yêu cầu bổ sung sau thẩm định',
  'Văn bản xin lỗi và hẹn lại',
];

export function ii06aSheets(r: Ii06aReport): Sheet[] {
  return [
    {
      name: 'Biểu II.06a',
      title: `Biểu II.06a: tình hình, kết quả giải quyết thủ tục hành chính, ${periodText(r.period)}`,
      headers: II06A_HEADERS,
      rows: [...r.rows.map((row) => [row.agency, row.field ?? NO_FIELD, ...flatCounts(row)]), [TOTAL, null, ...flatCounts(r.total)]],
    },
  ];
}

const rateCells = (x: Rate): Cell[] => [x.count, x.of, x.percent];

export function sheets766(r: Report766): Sheet[] {
  return [
    {
      name: 'Quyết định 766',
      title: `Chỉ số Quyết định 766/QĐ-TTg, ${periodText(r.period)}`,
      headers: [
        'Cơ quan chủ trì',
        '2.1 Đúng hạn: số hồ sơ',
        '2.1 Trên tổng số hồ sơ',
        '2.1 Tỷ lệ (%)',
        '3.3 Trực tuyến: số hồ sơ',
        '3.3 Trên số hồ sơ mới tiếp nhận',
        '3.3 Tỷ lệ (%)',
        'Bưu chính công ích: số hồ sơ',
        'Bưu chính: trên số hồ sơ mới tiếp nhận',
        'Bưu chính: tỷ lệ (%)',
      ],
      rows: [...r.rows.map((x) => [x.agency, ...rateCells(x.onTime), ...rateCells(x.online), ...rateCells(x.postal)]), [TOTAL, ...rateCells(r.total.onTime), ...rateCells(r.total.online), ...rateCells(r.total.postal)]],
    },
    {
      name: '2.2 Thời gian giải quyết',
      title: `Chỉ số 2.2: thời gian giải quyết trung bình theo thủ tục, ${periodText(r.period)}`,
      headers: ['Mã thủ tục', 'Tên thủ tục', 'Số hồ sơ đã giải quyết', 'Thời gian trung bình (ngày)'],
      rows: r.procedures.map((p) => [p.procedureCode, p.procedureName, p.resolved, p.averageProcessingDays]),
    },
  ];
}

export function circular01Sheets(r: ReportCircular01): Sheet[] {
  return [
    {
      name: 'Chỉ số 1 theo hồ sơ',
      title: `Thông tư 01/2018, chỉ số 1: thời gian giải quyết từng hồ sơ so với quy định, ${periodText(r.period)}`,
      headers: ['Mã hồ sơ', 'Mã thủ tục', 'Cơ quan chủ trì', 'Lĩnh vực', 'Tiếp nhận lúc', 'Hẹn trả', 'Có kết quả lúc', 'Kết quả', 'Điểm'],
      rows: r.dossiers.map((d) => [d.code, d.procedureCode, d.agency, d.field ?? NO_FIELD, d.receivedAt, d.appointment, d.finishedAt, OUTCOME_TEXT[d.outcome], d.score]),
    },
    {
      name: 'Chỉ số 2 theo cơ quan',
      title: `Thông tư 01/2018, chỉ số 2: thời gian giải quyết của từng cơ quan so với thời gian phân bổ, ${periodText(r.period)}`,
      headers: ['Cơ quan', 'Số phần việc', 'Trước hạn', 'Đúng hạn', 'Quá hạn', 'Tổng điểm', 'Điểm trung bình'],
      rows: [
        ...r.agencies.map((a) => [a.agency, a.parts, a.early, a.onTime, a.late, a.points, a.averageScore]),
        [TOTAL, r.total.parts, sum(r, 'early'), sum(r, 'onTime'), sum(r, 'late'), sum(r, 'points'), r.total.partAverageScore],
      ],
    },
  ];
}

const sum = (r: ReportCircular01, k: 'early' | 'onTime' | 'late' | 'points') => r.agencies.reduce((s, a) => s + a[k], 0);

const OUTCOME_TEXT = { EARLY: 'Trước hạn', ON_TIME: 'Đúng hạn', LATE: 'Quá hạn' } as const;

const FIGURE_HEADERS = [
  'Tiếp nhận',
  'Tỷ lệ đúng hạn (2.1): số hồ sơ',
  'Trên tổng số hồ sơ',
  'Tỷ lệ (%)',
  'Đã giải quyết',
  'Trước hạn',
  'Đúng hạn',
  'Quá hạn',
  'Thời gian giải quyết trung bình (ngày)',
  'Xin lỗi đã gửi',
  'Xin lỗi bị bỏ lỡ',
  'Yêu cầu bổ sung khi tiếp nhận',
  'Yêu cầu bổ sung sau thẩm định',
];
const figureCells = (f: Figures): Cell[] => [
  f.received,
  ...rateCells(f.onTime),
  f.resolved.total,
  f.resolved.early,
  f.resolved.onTime,
  f.resolved.late,
  f.averageResolutionDays,
  f.apologies,
  f.apologiesMissed,
  f.supplementRequests.atIntake,
  f.supplementRequests.afterAppraisal,
];

/** The dashboard's figures per lead agency, procedure and channel, each with the total. */
export function figuresSheets(r: FiguresReport): Sheet[] {
  const sheet = (name: string, by: string, keyHeaders: string[], rows: { keys: Cell[]; f: Figures }[]): Sheet => ({
    name,
    title: `Số liệu giải quyết theo ${by}, ${periodText(r.period)}`,
    headers: [...keyHeaders, ...FIGURE_HEADERS],
    rows: [...rows.map((x) => [...x.keys, ...figureCells(x.f)]), [TOTAL, ...keyHeaders.slice(1).map(() => null), ...figureCells(r.total)]],
  });
  return [
    sheet('Theo cơ quan chủ trì', 'cơ quan chủ trì', ['Cơ quan chủ trì'], r.agencies.map((a) => ({ keys: [a.agency], f: a }))),
    sheet('Theo thủ tục', 'thủ tục', ['Mã thủ tục', 'Tên thủ tục'], r.procedures.map((p) => ({ keys: [p.procedureCode, p.procedureName], f: p }))),
    sheet('Theo kênh', 'kênh tiếp nhận', ['Kênh tiếp nhận'], r.channels.map((c) => ({ keys: [c.channel], f: c }))),
  ];
}
