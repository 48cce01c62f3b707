/**
 * The reports API's JSON answers (docs/contracts.md "Reports") are libs/reports' own types: the
 * page reads what the API computes, type-only (nothing of the library is bundled).
 */
export type { Ii06aCounts, Ii06aReport, Rate, Report766 } from '@motcua/reports';
