/**
 * Rule sets: the legal regime a dossier is received under (ONE-STOP.md, preamble). Each dossier
 * records its version at registration and `decide` reads the rules of that version, never "the
 * current ones": a rule that changes is a new version here, dossiers received before it keep the
 * old behaviour to their end, and a replay reproduces what happened.
 *
 * The parameters below are the ones the law or the province may change; everything else in
 * `decide` is the same in every version. Decree 118/2025 carries Decree 61/2018's lifecycle into
 * the provincial and commune service centres from 1/7/2025 with the same values for these.
 */
export interface RuleSet {
  readonly version: string;
  /** Dossiers received from this instant on (epoch ms) are received under this version. */
  readonly from: number;
  /** A supplement after appraisal is requested within this many working days of receipt (Art. 19(4)); later ones are flagged. */
  readonly supplementWindowWorkingDays: number;
  /** A result goes back to the unit at this many counted failed deliveries (Circular 17/2017). */
  readonly countedAttemptsBeforeReturn: number;
  /** Working days between two counted delivery attempts. */
  readonly deliveryAttemptGapWorkingDays: number;
}

export type RuleSetResolver = (version: string) => RuleSet;

const RULE_SETS: readonly RuleSet[] = [
  { version: 'ND61-2018', from: Date.UTC(2018, 5, 21, -7), supplementWindowWorkingDays: 3, countedAttemptsBeforeReturn: 2, deliveryAttemptGapWorkingDays: 2 },
  { version: 'ND118-2025', from: Date.UTC(2025, 6, 1, -7), supplementWindowWorkingDays: 3, countedAttemptsBeforeReturn: 2, deliveryAttemptGapWorkingDays: 2 },
];

/** The version new dossiers are received under at `instant`. */
export function ruleSetAt(instant: number, sets: readonly RuleSet[] = RULE_SETS): string {
  let chosen = sets[0].version;
  for (const r of sets) if (instant >= r.from) chosen = r.version;
  return chosen;
}

/** The rules of a recorded version; an unknown one is a deployment error, never a silent default. */
export function ruleSetOf(version: string, sets: readonly RuleSet[] = RULE_SETS): RuleSet {
  const found = sets.find((r) => r.version === version);
  if (!found) throw new Error(`unknown rule-set version ${version}: known ${sets.map((r) => r.version).join(', ')}`);
  return found;
}

export const RULE_SET_VERSIONS = RULE_SETS.map((r) => r.version);
