/**
 * The dossiers `npm run bench` drives, each a procedure and its commands in order, as the one-stop
 * officer and the agencies' officers take it; the bare workflow of the same shape gets one update
 * per command after its start (infra/bench/baseline.workflow.ts).
 */
export type Who = 'oneStop' | 'UBND_XA' | 'CONG_AN_XA' | 'BHXH';

export interface Step {
  action: string;
  who: Who;
  body: Record<string, unknown>;
}

export interface Shape {
  name: string;
  procedureCode: string;
  /** After `create`. */
  steps: Step[];
}

const oneStop = (action: string, body: Record<string, unknown> = {}): Step => ({ action, who: 'oneStop', body });
const agency = (who: Exclude<Who, 'oneStop'>, action: string, body: Record<string, unknown> = { agency: who }): Step => ({ action, who, body });

export const SHAPES: Record<string, Shape> = {
  /** One stage at the commune (UBND_XA), returned at the counter. */
  single: {
    name: 'single',
    procedureCode: 'HT-XAC-NHAN-TINH-TRANG-HON-NHAN',
    steps: [oneStop('accept'), agency('UBND_XA', 'complete'), oneStop('return', { channel: 'COUNTER' })],
  },
  /** Inter-agency: the commune, then the commune police ∥ social insurance (a parallel group). */
  'inter-agency': {
    name: 'inter-agency',
    procedureCode: 'LT-KHAI-SINH-THUONG-TRU-BHYT',
    steps: [
      oneStop('accept'),
      agency('UBND_XA', 'complete'),
      agency('CONG_AN_XA', 'complete'),
      agency('BHXH', 'complete'),
      oneStop('return', { channel: 'COUNTER' }),
    ],
  },
  /** One stage, with a supplement requested by the agency after appraisal and brought by the applicant. */
  supplement: {
    name: 'supplement',
    procedureCode: 'HT-XAC-NHAN-TINH-TRANG-HON-NHAN',
    steps: [
      oneStop('accept'),
      agency('UBND_XA', 'requestSupplement'),
      oneStop('supplement'),
      agency('UBND_XA', 'complete'),
      oneStop('return', { channel: 'COUNTER' }),
    ],
  },
};

/** `single:2,inter-agency:1,supplement:1` → the shapes in the order they are driven, one round of the weights. */
export function parseMix(mix: string): Shape[] {
  const round: Shape[] = [];
  for (const part of mix.split(',')) {
    const [name, weight = '1'] = part.split(':');
    const shape = SHAPES[name.trim()];
    const n = Number(weight);
    if (!shape) throw new Error(`--mix: unknown shape "${name}" (one of ${Object.keys(SHAPES).join(', ')})`);
    if (!Number.isInteger(n) || n < 1) throw new Error(`--mix: the weight of ${name} must be a positive integer`);
    for (let i = 0; i < n; i++) round.push(shape);
  }
  return round;
}
