import { z } from 'zod';

/**
 * What the receiver of a handoff must do (the transfer slip of ONE-STOP.md §4 states each
 * agency's task and time limit), with the wording Form 05 prints.
 */
export const HandoffTasks = {
  labels: {
    PROCESS: 'Thẩm định, giải quyết phần việc của cơ quan trong thời hạn',
    RETURN_RESULT: 'Trả kết quả giải quyết cho người nộp hồ sơ',
    RETURN_REFUSAL: 'Thông báo từ chối giải quyết cho người nộp hồ sơ',
  },
  schema: z.enum(['PROCESS', 'RETURN_RESULT', 'RETURN_REFUSAL']),
} as const;
export type HandoffTask = z.infer<typeof HandoffTasks.schema>;

/** An officer as tokens name them (the subject): there is no registry of officers' names yet. */
export const OfficerIdSchema = z.string().min(1).max(128);
