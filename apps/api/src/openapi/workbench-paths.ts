import { DossierStatusSchema } from '@motcua/contracts';
import { WorkbenchQuerySchema } from '../workbench/workbench-query';
import { DossierActionsSchema, WorkbenchPageSchema } from '../workbench/workbench-schemas';
import { eventStreamOperation } from './event-stream-operation';
import { jsonSchemaOf } from './json-schema';

/** The officers' workbench in the OpenAPI document: the queue, its stream, the actions of a dossier. */
export function workbenchSchemas(): Record<string, unknown> {
  return { WorkbenchPage: jsonSchemaOf(WorkbenchPageSchema), DossierActions: jsonSchemaOf(DossierActionsSchema) };
}

export function workbenchPaths(error: (description: string) => unknown): Record<string, Record<string, unknown>> {
  const ref = (name: string) => ({ 'application/json': { schema: { $ref: `#/components/schemas/${name}` } } });
  const described: Record<keyof typeof WorkbenchQuerySchema.shape, string> = {
    q: 'part of a dossier code (case ignored)',
    procedure: 'procedure code',
    status: 'the dossier status',
    page: 'the page, from 1',
    pageSize: 'lines a page (1–200, default 50)',
  };
  const shape = WorkbenchQuerySchema.shape;
  const parameters = (Object.keys(shape) as (keyof typeof shape)[]).map((name) => ({
    name,
    in: 'query',
    required: false,
    description: described[name],
    schema: name === 'status' ? jsonSchemaOf(DossierStatusSchema) : jsonSchemaOf(shape[name], { io: 'input' }),
  }));
  return {
    '/api/v1/workbench/queue': {
      get: {
        operationId: 'workbenchQueue',
        summary:
          "The dossiers the caller's unit or agency holds now, from the read model, nearest deadline first (none last), then by code: a one-stop officer its unit's (intake, resubmission, supplement to receive, result to hand back; due at the appointment), an agency officer or head its started, unfinished parts of current stages (due at the part's deadline), operations and auditors every holder's line",
        parameters,
        responses: {
          '200': { description: 'one page of the queue', content: ref('WorkbenchPage') },
          '400': error('a parameter out of its alphabet or range, or an unknown one (WORKBENCH.BAD_QUERY)'),
          '403': error('a role with no queue: portal, post, admin (ACCESS.MAY_NOT_READ)'),
        },
      },
    },
    '/api/v1/workbench/stream': eventStreamOperation(
      'streamWorkbench',
      "The workbench queue, live (text/event-stream): `snapshot` {at, rows} (every line the caller's unit or agency holds, as the queue's items, unpaged), then `delta` {at, upsert: items, remove: keys} per change, each with an id to resume from (Last-Event-ID, or lastEventId=), and a `heartbeat`",
      error,
      'a role with no queue (ACCESS.MAY_NOT_READ)',
    ),
    '/api/v1/dossiers/{code}/actions': {
      get: {
        operationId: 'dossierActions',
        summary:
          "Every officer action on this dossier as the caller would find it now, tried without being given: allowed, or refused with the status, rule and message POST …/{action} would answer; what it does (Vietnamese); the fields its body needs, preset and with their choices (documents, reasons, channels, agencies), the apology's bound and the supplement window",
        parameters: [{ name: 'code', in: 'path', required: true, description: 'The dossier code, <unit>-<YYMMDD>-<NNNN>', schema: { type: 'string' } }],
        responses: {
          '200': { description: 'the actions, in the order of the action paths', content: ref('DossierActions') },
          '403': error('the caller may not read this dossier (ACCESS.MAY_NOT_READ)'),
          '404': error('unknown dossier, or not a dossier code'),
          '503': error('Temporal unavailable'),
        },
      },
    },
  };
}
