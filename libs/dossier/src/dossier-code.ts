import { UNIT_ID_PATTERN } from '@motcua/contracts';

/**
 * Dossier codes (Decree 61/2018 Art. 26; Circular 01/2018 Art. 19):
 * `<unit identifier>-<YYMMDD>-<NNNN>`, date in Vietnam time, sequence per unit and day from 0001.
 */
export { UNIT_ID_PATTERN };
const CODE_PATTERN = /^([0-9A-Z.]{1,35})-(\d{6})-(\d{4})$/;

export function formatDossierCode(unit: string, localDate: string, sequence: number): string {
  if (!UNIT_ID_PATTERN.test(unit)) throw new Error(`unit identifier "${unit}" is not 1–35 characters of 0-9 A-Z .`);
  if (!Number.isInteger(sequence) || sequence < 1 || sequence > 9999) throw new Error(`sequence ${sequence} is outside 0001–9999`);
  const yymmdd = localDate.slice(2, 4) + localDate.slice(5, 7) + localDate.slice(8, 10);
  return `${unit}-${yymmdd}-${String(sequence).padStart(4, '0')}`;
}

export function parseDossierCode(code: string): { unit: string; yymmdd: string; sequence: number } | null {
  const m = CODE_PATTERN.exec(code);
  return m ? { unit: m[1], yymmdd: m[2], sequence: Number(m[3]) } : null;
}
