import { parseInstant } from '@motcua/calendar';
import { HandoffTasks, type ControlSheet } from '@motcua/contracts';
import type { PrintedForm } from '../printed-form';
import { OUTCOME_LABELS, vnDate, vnDateTime } from '../vietnamese';
import type { FormContext } from './context';

/**
 * Form 05 (Circular 01/2018): the process control sheet, one row per handoff, with the times,
 * the receiver's deadline, its result and the officers who hand over and receive (their token
 * subjects: there is no registry of officers' names yet), and room for their signatures.
 */
export function controlSheetForm(sheet: ControlSheet, ctx: Pick<FormContext, 'unit' | 'names'>, printedAt: number): PrintedForm {
  const name = ctx.names.party;
  const agencies = [...new Set(sheet.rows.map((r) => r.to.unit).filter((u) => u !== ctx.unit))];
  const t = (iso: string) => vnDateTime(parseInstant(iso));
  return {
    formNo: 'Mẫu số 05',
    issuer: name(ctx.unit),
    placeAndDate: vnDate(printedAt),
    title: 'PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ',
    subtitle: `Mã hồ sơ: ${sheet.code}`,
    blocks: [
      {
        kind: 'fields',
        rows: [
          ['Kèm theo Giấy tiếp nhận hồ sơ và hẹn trả kết quả số', sheet.code],
          ['Cơ quan (bộ phận) giải quyết hồ sơ', agencies.length ? name(agencies[0]) : '—'],
          ['Cơ quan phối hợp giải quyết hồ sơ', agencies.length > 1 ? agencies.slice(1).map(name).join('; ') : '—'],
        ],
      },
      {
        kind: 'table',
        columns: [
          { header: 'TÊN CƠ QUAN', width: 0.27 },
          { header: 'THỜI GIAN GIAO, NHẬN HỒ SƠ', width: 0.33 },
          { header: 'KẾT QUẢ GIẢI QUYẾT HỒ SƠ (Trước hạn/đúng hạn/quá hạn)', width: 0.2 },
          { header: 'GHI CHÚ', width: 0.2 },
        ],
        rows: sheet.rows.map((r, i) => [
          `${i + 1}. Giao: ${name(r.from.unit)}\nNhận: ${name(r.to.unit)}`,
          [
            t(r.handedOverAt),
            `Hạn: ${t(r.dueAt)}`,
            `Người giao: ${r.from.officer ?? '……………'}`,
            `Người nhận: ${r.to.officer ?? '……………'}`,
            'Ký: ……………   Ký: ……………',
          ].join('\n'),
          r.outcome ? `${OUTCOME_LABELS[r.outcome]}\n(${t(r.finishedAt!)})` : 'Đang giải quyết',
          HandoffTasks.labels[r.task],
        ]),
      },
      ...(sheet.rows.length === 0 ? [{ kind: 'paragraph' as const, text: 'Hồ sơ chưa được chuyển giao lần nào.' }] : []),
    ],
  };
}
