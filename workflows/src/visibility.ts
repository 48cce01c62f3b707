import { defineSearchAttributeKey, SearchAttributeType, type SearchAttributePair } from '@temporalio/common';
import type { DossierView } from '@motcua/dossier';

/**
 * Search attributes the dossier list is served from (GET /api/v1/dossiers?status=&agency=&overdue=).
 * infra/local registers them on the dev server; production registers the same names.
 */
export const SA = {
  status: defineSearchAttributeKey('MotcuaStatus', SearchAttributeType.KEYWORD),
  procedure: defineSearchAttributeKey('MotcuaProcedure', SearchAttributeType.KEYWORD),
  channel: defineSearchAttributeKey('MotcuaChannel', SearchAttributeType.KEYWORD),
  unit: defineSearchAttributeKey('MotcuaUnit', SearchAttributeType.KEYWORD),
  agencies: defineSearchAttributeKey('MotcuaAgencies', SearchAttributeType.KEYWORD_LIST),
  /** Every agency of the route, past, present and to come: whose officers may see the dossier. */
  route: defineSearchAttributeKey('MotcuaRoute', SearchAttributeType.KEYWORD_LIST),
  appointment: defineSearchAttributeKey('MotcuaAppointment', SearchAttributeType.DATETIME),
  overdue: defineSearchAttributeKey('MotcuaOverdue', SearchAttributeType.BOOL),
};

export function searchAttributesOf(v: DossierView): SearchAttributePair[] {
  const pairs: SearchAttributePair[] = [
    { key: SA.status, value: v.status },
    { key: SA.procedure, value: v.procedure.code },
    { key: SA.unit, value: v.unit },
    { key: SA.agencies, value: v.holders },
    { key: SA.route, value: [...new Set(v.stages.map((m) => m.agency))] },
    { key: SA.overdue, value: v.overdue },
  ];
  if (v.channel) pairs.push({ key: SA.channel, value: v.channel });
  if (v.finalAppointment) pairs.push({ key: SA.appointment, value: new Date(v.finalAppointment) });
  return pairs;
}
