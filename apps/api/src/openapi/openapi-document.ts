import {
  HttpActionBodySchemas,
  CreateDossierBodySchema,
  ControlSheetSchema,
  DossierDetailSchema,
  DossierListItemSchema,
  DossierNotificationSchema,
  DossierStatusSchema,
  DossierViewSchema,
  HTTP_ACTIONS,
  OneStopUnitSchema,
  AgencySchema,
  DossierLookupSchema,
  PostalEventBodySchema,
  POSTAL_EVENT_TYPES,
} from '@motcua/contracts';
import { z } from 'zod';
import { isPublic } from '../auth/authenticate';
import { DossierListFilterSchema } from '../dossiers/dossier-list.query';
import { IDEMPOTENCY_KEY_HEADER } from '../dossiers/idempotency-key';
import { CatalogProcedureSchema } from '../procedures/procedure-catalog';
import { ProcedureListFilterSchema } from '../procedures/procedure-list.query';
import { eventStreamOperation } from './event-stream-operation';
import { jsonSchemaOf } from './json-schema';
import { workbenchPaths, workbenchSchemas } from './workbench-paths';
import { Ii06aReportSchema, REPORT_FORMATS, Report766Schema, ReportCircular01Schema } from '../reports/report-schemas';

/** The OpenAPI 3.1 document, built from the same zod schemas that validate the requests. */
export type OpenApiDocument = {
  openapi: string;
  info: { title: string; version: string; description?: string };
  paths: Record<string, Record<string, unknown>>;
  components: Record<string, Record<string, unknown>>;
} & Record<string, unknown>;

const ErrorSchema = z.object({
  error: z.object({
    code: z.string().describe('RULE_VIOLATION, BAD_REQUEST, NOT_FOUND, UNAVAILABLE, INTERNAL, …'),
    rule: z.string().nullable().describe('the rule that refused the request (409, some 400), e.g. LIFECYCLE.ACTION_NOT_ALLOWED'),
    message: z.string(),
  }),
});

const HealthSchema = z.object({
  status: z.enum(['UP', 'DOWN']),
  checks: z.object({ temporal: z.enum(['UP', 'DOWN']), kafka: z.enum(['UP', 'DOWN']) }),
  error: ErrorSchema.shape.error.optional(),
});

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: unknown, example?: unknown) => ({ 'application/json': example === undefined ? { schema } : { schema, example } });
const error = (description: string) => ({ description, content: json(ref('Error')) });
/** What every POST may answer besides its own outcomes (the edge and the Idempotency-Key). */
const postErrors = {
  '413': error('the body is over 100 kB'),
  '415': error('the body is not application/json'),
  '422': error('the Idempotency-Key was already used by this caller for another request (rule IDEMPOTENCY.KEY_REUSED); nothing happened'),
};
const pascal = (s: string) => s[0].toUpperCase() + s.slice(1);

const idempotencyKey = {
  name: IDEMPOTENCY_KEY_HEADER,
  in: 'header',
  required: false,
  description:
    'Makes a retry safe: one key names one request of this caller, for good. The same request again gets the same answer (on POST /dossiers the same dossier and code, even after midnight); the key used for any other request is refused with 422 IDEMPOTENCY.KEY_REUSED, before anything happens.',
  schema: { type: 'string', minLength: 1, maxLength: 200, pattern: '^[\\x21-\\x7e]+$' },
};
/**
 * What Swagger UI's "Try it out" sends as given: a real procedure of the catalog and a plausible
 * applicant (no `unit`: the procedure's own applies), then the steps of that procedure's route.
 * Actions with free-text fields or dates keep the schema's placeholder.
 */
const REQUEST_EXAMPLES = {
  createDossier: {
    procedureCode: 'LLTP-CAP-PHIEU',
    channel: 'COUNTER',
    applicant: { name: 'Nguyễn Văn An', idNumber: '001099012345', phone: '0912345678', address: 'Số 1 Tràng Tiền, Hoàn Kiếm, Hà Nội' },
  },
  actions: {
    accept: {},
    complete: { agency: 'SO_TU_PHAP' },
    assign: { agency: 'SO_TU_PHAP', officer: 'cb-SO_TU_PHAP' },
    appraise: { agency: 'SO_TU_PHAP' },
    approve: { agency: 'SO_TU_PHAP' },
    supplement: {},
    return: { channel: 'COUNTER' },
  } as Partial<Record<(typeof HTTP_ACTIONS)[number], object>>,
};

const codeParam = { name: 'code', in: 'path', required: true, description: 'The dossier code, <unit>-<YYMMDD>-<NNNN>', schema: { type: 'string' } };

export function buildOpenApiDocument(): OpenApiDocument {
  const schemas: Record<string, unknown> = {
    Error: jsonSchemaOf(ErrorSchema),
    Health: jsonSchemaOf(HealthSchema),
    Procedure: jsonSchemaOf(CatalogProcedureSchema),
    Unit: jsonSchemaOf(OneStopUnitSchema),
    Agency: jsonSchemaOf(AgencySchema),
    DossierLookup: jsonSchemaOf(DossierLookupSchema),
    CreateDossierRequest: jsonSchemaOf(CreateDossierBodySchema, { io: 'input' }),
    DossierView: jsonSchemaOf(DossierViewSchema),
    DossierDetail: jsonSchemaOf(DossierDetailSchema),
    DossierListItem: jsonSchemaOf(DossierListItemSchema),
    ControlSheet: jsonSchemaOf(ControlSheetSchema),
    DossierNotification: jsonSchemaOf(DossierNotificationSchema),
    PostalEvent: jsonSchemaOf(PostalEventBodySchema, { io: 'input' }),
    Ii06aReport: jsonSchemaOf(Ii06aReportSchema),
    Report766: jsonSchemaOf(Report766Schema),
    ReportCircular01: jsonSchemaOf(ReportCircular01Schema),
    ...workbenchSchemas(),
    PostalEventAnswer: {
      type: 'object',
      required: ['eventId', 'dossierCode', 'type', 'status', 'changed'],
      properties: {
        eventId: { type: 'string' },
        dossierCode: { type: 'string' },
        type: { type: 'string', enum: [...POSTAL_EVENT_TYPES] },
        status: { type: 'string', description: "the dossier's status after the event" },
        changed: { type: 'boolean', description: 'false for a late report the state already implied: recorded, nothing changed' },
      },
    },
  };
  const paths: OpenApiDocument['paths'] = {
    '/health': {
      get: {
        operationId: 'health',
        summary: 'Whether Temporal and Kafka are reachable',
        responses: {
          '200': { description: 'both reachable', content: json(ref('Health')) },
          '503': { description: 'at least one is down (named in the body)', content: json(ref('Health')) },
        },
      },
    },
    '/openapi.json': {
      get: { operationId: 'openapi', summary: 'This document', responses: { '200': { description: 'OpenAPI 3.1', content: json({ type: 'object' }) } } },
    },
    '/asyncapi.json': {
      get: {
        operationId: 'asyncapi',
        summary: 'The AsyncAPI document of the dossier.events topic',
        responses: { '200': { description: 'AsyncAPI 3.0', content: json({ type: 'object' }) } },
      },
    },
    '/api/v1/procedures': {
      get: {
        operationId: 'listProcedures',
        summary: 'The procedure catalog (current versions; routes in the scenario format), searched and filtered',
        parameters: procedureListParameters(),
        responses: {
          '200': { description: 'the procedures matching every filter given, in catalog order', content: json({ type: 'array', items: ref('Procedure') }) },
          '400': error('a malformed or unknown filter'),
        },
      },
    },
    '/api/v1/procedures/{code}': {
      get: {
        operationId: 'getProcedure',
        parameters: [{ name: 'code', in: 'path', required: true, schema: { type: 'string' } }],
        responses: { '200': { description: 'the procedure', content: json(ref('Procedure')) }, '404': error('unknown procedure') },
      },
    },
    '/api/v1/units': {
      get: {
        operationId: 'listUnits',
        summary: 'The one-stop units that receive dossiers (the `unit` of a new dossier is one of them)',
        responses: { '200': { description: 'the unit registry', content: json({ type: 'array', items: ref('Unit') }) } },
      },
    },
    '/api/v1/agencies': {
      get: {
        operationId: 'listAgencies',
        summary: 'The agencies a procedure\'s route may name (the `agency` of a route stage and of an agency officer\'s token)',
        responses: { '200': { description: 'the agency registry', content: json({ type: 'array', items: ref('Agency') }) } },
      },
    },
    '/api/v1/dossiers': {
      post: {
        operationId: 'createDossier',
        summary: 'Register a dossier under a new code and submit it (COUNTER, ONLINE) or request a postal pickup (POSTAL)',
        description:
          'The applicant\'s personal data is used only to derive a pseudonymous reference; it is not stored in the dossier or its events.',
        parameters: [idempotencyKey],
        requestBody: { required: true, content: json(ref('CreateDossierRequest'), REQUEST_EXAMPLES.createDossier) },
        responses: {
          '201': {
            description: 'registered: SUBMITTED, or PICKUP_REQUESTED for POSTAL',
            headers: { Location: { schema: { type: 'string' } } },
            content: json(ref('DossierView')),
          },
          '400': error(
            'malformed (the field is named), unknown procedure (rule CATALOG.UNKNOWN_PROCEDURE), unit not in GET /api/v1/units (CATALOG.UNKNOWN_UNIT), or a simulation unit SIM.… (UNIT.RESERVED_FOR_SIMULATION)',
          ),
          '409': error('refused by a rule, e.g. POSTAL.NOT_FOR_PROCEDURE, or DOSSIER_CODE.DAY_EXHAUSTED (the unit has used its 9999 codes of the day)'),
          ...postErrors,
          '503': error('Temporal unavailable'),
        },
      },
      get: {
        operationId: 'listDossiers',
        summary: 'Dossiers from Temporal visibility (search attributes; eventually consistent)',
        parameters: listParameters(),
        responses: {
          '200': { description: 'matching dossiers, at most `limit`', content: json({ type: 'array', items: ref('DossierListItem') }) },
          '400': error('a malformed filter'),
        },
      },
    },
    '/api/v1/dossiers/{code}': {
      get: {
        operationId: 'getDossier',
        parameters: [codeParam],
        responses: { '200': { description: 'the dossier and its events', content: json(ref('DossierDetail')) }, '404': error('unknown dossier') },
      },
    },
    '/api/v1/lookup/{code}': {
      get: {
        operationId: 'lookupDossier',
        summary: 'Public look-up by dossier code: status, appointment and procedure, nothing personal; no token; at most 60 a minute per address',
        parameters: [codeParam],
        responses: {
          '200': { description: 'what anyone with the code may know', content: json(ref('DossierLookup')) },
          '404': error('unknown dossier'),
          '429': error('too many look-ups from this address (LOOKUP.RATE_LIMITED); retry after the minute'),
        },
      },
    },
    ...reportPaths(),
    '/api/v1/stream/tickets': {
      post: {
        operationId: 'issueStreamTicket',
        summary: 'A ticket to open an event stream (EventSource sends no Authorization header): valid a minute, names the caller; the stream it opens ends when this access token expires',
        responses: {
          '413': error('a body over 100 kB (none is read)'),
          '415': error('a body that is not JSON (none is needed)'),
          '201': {
            description: 'the ticket',
            content: json({ type: 'object', required: ['ticket', 'expiresAt'], properties: { ticket: { type: 'string' }, expiresAt: { type: 'string', format: 'date-time' } } }),
          },
        },
      },
    },
    '/api/v1/stream/breaches': eventStreamOperation(
      'streamBreaches',
      'The breach board, live (text/event-stream): `snapshot` (the lines this caller may read: near-due and overdue dossiers and stage parts, longest overdue first), then a `delta` {upsert, remove} per change, each with an id to resume from (Last-Event-ID header, or lastEventId=), and a `heartbeat`',
      error,
      "the ticket's account may read no dossier (ACCESS.MAY_NOT_READ)",
    ),
    ...workbenchPaths(error),
    '/api/v1/dashboard/breaches-per-day': {
      get: {
        operationId: 'breachesPerDay',
        summary:
          "Breaches per Vietnam day for the dashboard's calendar heat map: the engine's OVERDUE alerts (dossiers and stage parts) and APOLOGY_MISSED alerts by the day they were raised, of the dossiers the caller may read; days without a breach are left out. Default: the year up to today",
        parameters: [
          { name: 'from', in: 'query', required: false, description: 'first day, YYYY-MM-DD (with to; at most 366 days)', schema: { type: 'string', format: 'date' } },
          { name: 'to', in: 'query', required: false, description: 'last day, YYYY-MM-DD, included', schema: { type: 'string', format: 'date' } },
        ],
        responses: {
          '200': {
            description: 'the days with a breach, in order',
            content: json({
              type: 'object',
              required: ['from', 'to', 'days'],
              properties: {
                from: { type: 'string', format: 'date' },
                to: { type: 'string', format: 'date' },
                days: {
                  type: 'array',
                  items: {
                    type: 'object',
                    required: ['day', 'overdue', 'apologyMissed'],
                    properties: { day: { type: 'string', format: 'date' }, overdue: { type: 'integer' }, apologyMissed: { type: 'integer' } },
                  },
                },
              },
            }),
          },
          '400': error('a malformed day, from after to, or more than 366 days'),
        },
      },
    },
    '/api/v1/audit': {
      get: {
        operationId: 'findAuditEntries',
        summary: 'The audit trail (auditors only): every command and every read of personal data, newest first; never a request body',
        parameters: [
          { name: 'from', in: 'query', required: false, schema: { type: 'string', format: 'date-time' } },
          { name: 'to', in: 'query', required: false, schema: { type: 'string', format: 'date-time' } },
          { name: 'actor', in: 'query', required: false, schema: { type: 'string' } },
          { name: 'target', in: 'query', required: false, description: 'a dossier code', schema: { type: 'string' } },
          { name: 'limit', in: 'query', required: false, schema: { type: 'integer', minimum: 1, maximum: 500, default: 100 } },
        ],
        responses: { '200': { description: 'audit entries', content: json({ type: 'array', items: { type: 'object' } }) }, '400': error('a malformed filter') },
      },
    },
    '/api/v1/dossiers/{code}/notes': {
      get: {
        operationId: 'getDossierNotes',
        summary: "What officers wrote beside the reason codes of their actions: kept in the operational store, never in events (an event's noteRef names its note)",
        parameters: [codeParam],
        responses: {
          '200': {
            description: 'the notes, oldest first',
            content: json({
              type: 'array',
              items: {
                type: 'object',
                required: ['id', 'dossierCode', 'action', 'text', 'authorId', 'authorAgency', 'createdAt'],
                properties: {
                  id: { type: 'string', description: 'the noteRef of the event' },
                  dossierCode: { type: 'string' },
                  action: { type: 'string' },
                  text: { type: 'string' },
                  authorId: { type: 'string' },
                  authorAgency: { type: ['string', 'null'] },
                  createdAt: { type: 'string', format: 'date-time' },
                },
              },
            }),
          },
          '404': error('unknown dossier'),
        },
      },
    },
    '/api/v1/postal/events': {
      post: {
        operationId: 'receivePostalEvent',
        summary:
          "The postal partner's events (Standard Webhooks 1.0): signed, not a bearer token. Checked in this order: signature 401, size 413, body 400, dossier 404, then de-duplication by eventId and the body's digest, then the dossier's rules",
        security: [{ postalWebhook: [] }],
        parameters: [
          { name: 'webhook-id', in: 'header', required: true, description: "the body's eventId", schema: { type: 'string', pattern: '^[A-Za-z0-9_:-]{1,64}$' } },
          { name: 'webhook-timestamp', in: 'header', required: true, description: 'Unix seconds of this attempt, within 300 s of the API\'s clock', schema: { type: 'string', pattern: '^[0-9]+$' } },
          {
            name: 'webhook-signature',
            in: 'header',
            required: true,
            description: 'space-separated `v1,<base64 HMAC-SHA256(key, "{webhook-id}.{webhook-timestamp}.{raw body}")>`; one matching any configured secret suffices',
            schema: { type: 'string' },
          },
        ],
        requestBody: {
          required: true,
          content: json(ref('PostalEvent'), {
            eventId: 'evt_01JQ3V5Z8K',
            type: 'HANDED_OVER',
            dossierCode: '000.00.00.H26-260303-0001',
            waybill: 'EN340902457VN',
            occurredAt: '2026-03-03T16:00:00+07:00',
          }),
        },
        responses: {
          '200': {
            description: 'applied (the dossier\'s new status); a late report the state implied (recorded, `changed: false`); or a repeat of an event already answered, with the same answer and nothing new',
            content: json(ref('PostalEventAnswer')),
          },
          '400': error('malformed body (the field is named), webhook-id ≠ eventId (POSTAL.WEBHOOK_ID_MISMATCH), a waybill that is not UPU S10 with its check digit, occurredAt in the future (POSTAL.OCCURRED_IN_FUTURE)'),
          '401': error('a header missing (POSTAL.SIGNATURE_HEADERS_MISSING), the timestamp more than 300 s from now (POSTAL.TIMESTAMP_OUT_OF_TOLERANCE), or no valid signature (POSTAL.SIGNATURE_INVALID)'),
          '404': error('unknown dossier'),
          '409': error('the first delivery of this eventId is still being processed (POSTAL.EVENT_IN_FLIGHT), or the event contradicts the dossier (POSTAL.STATE_CONTRADICTS, LIFECYCLE.TIME_OUT_OF_ORDER): nothing recorded, nothing remembered, a retry is judged anew'),
          '413': error('the body is over 64 kB'),
          '422': error('this eventId was answered before for another body (POSTAL.EVENT_ID_REUSED)'),
          '503': error('no POSTAL_WEBHOOK_SECRETS configured (POSTAL.WEBHOOK_NOT_CONFIGURED), or the dossier did not answer in time: retry'),
        },
      },
    },
    '/api/v1/dossiers/{code}/control-sheet': {
      get: {
        operationId: 'getControlSheet',
        summary:
          'The process control sheet (Form 05, Circular 01/2018): one row per handoff between the one-stop unit and the agencies, with its officers, the receiver\'s deadline, its finish and its result. `format=pdf`: the form as printed and signed, in Vietnamese',
        parameters: [codeParam, { name: 'format', in: 'query', required: false, schema: { type: 'string', enum: ['json', 'pdf'], default: 'json' } }],
        responses: {
          '200': { description: 'the control sheet', content: { 'application/json': { schema: ref('ControlSheet') }, 'application/pdf': { schema: { type: 'string', format: 'binary' } } } },
          '400': error('a format other than json or pdf'),
          '403': error('not a reader of this dossier (ACCESS.MAY_NOT_READ)'),
          '404': error('unknown dossier'),
        },
      },
    },
    '/api/v1/dossiers/{code}/forms/{form}': {
      get: {
        operationId: 'getDossierForm',
        summary:
          "A form of the dossier as PDF (Circular 01/2018), from its events and the applicant store: 01 receipt and appointment slip (with a QR code of the public look-up), 02 supplement request, 03 refusal at intake, 04 apology and new appointment. Prints the applicant's name: every read audited",
        parameters: [codeParam, { name: 'form', in: 'path', required: true, schema: { type: 'string', enum: ['01', '02', '03', '04'] } }],
        responses: {
          '200': { description: 'the form', content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } } },
          '403': error('not a reader of this dossier (ACCESS.MAY_NOT_READ)'),
          '404': error('unknown dossier, or no such form (FORMS.UNKNOWN_FORM)'),
          '409': error('the dossier has no event that issues this form (FORMS.NOT_APPLICABLE)'),
        },
      },
    },
    '/api/v1/dossiers/{code}/applicant': {
      get: {
        operationId: 'getDossierApplicant',
        summary:
          "The applicant's contact data given at intake (personal data: kept in the operational store, never in events; for the receiving unit's one-stop officers and auditors only, every read audited)",
        parameters: [codeParam],
        responses: {
          '200': {
            description: "the applicant's contact data",
            content: json({
              type: 'object',
              required: ['dossierCode', 'name', 'idNumber', 'phone', 'address', 'pickupAddress', 'addressArea', 'pickupArea', 'createdAt'],
              properties: {
                dossierCode: { type: 'string' },
                name: { type: 'string' },
                idNumber: { type: 'string' },
                phone: { type: 'string' },
                address: { type: ['string', 'null'] },
                pickupAddress: { type: ['string', 'null'], description: 'POSTAL intake: where the post collects the dossier, when given' },
                addressArea: { type: ['string', 'null'], description: "where the applicant's address lies: the one-stop unit's Decision 20/2020 identifier, when given" },
                pickupArea: { type: ['string', 'null'], description: 'POSTAL intake: where pickupAddress lies, when given' },
                email: { type: 'string', description: 'where e-mail notifications go, when given' },
                createdAt: { type: 'string', format: 'date-time' },
              },
            }),
          },
          '404': error('unknown dossier, or no contact data kept for it (dossiers opened by scenarios)'),
        },
      },
    },
    '/api/v1/dossiers/{code}/notifications': {
      get: {
        operationId: 'getDossierNotifications',
        summary:
          'What the applicant was sent (receipt, supplement request, refusal, apology, early return, result ready, rejection, postal delivery): one entry per occasion and channel, addresses masked; for whoever may read the dossier, every read audited',
        parameters: [codeParam],
        responses: {
          '200': { description: 'the notifications, oldest first', content: json({ type: 'array', items: ref('DossierNotification') }) },
          '403': error('the caller may not read this dossier (ACCESS.MAY_NOT_READ)'),
          '404': error('unknown dossier'),
        },
      },
    },
  };
  for (const action of HTTP_ACTIONS) {
    const name = `${pascal(action)}Request`;
    schemas[name] = jsonSchemaOf(HttpActionBodySchemas[action], { io: 'input' });
    paths[`/api/v1/dossiers/{code}/${action}`] = {
      post: {
        operationId: action,
        summary: HttpActionBodySchemas[action].description ?? action,
        parameters: [codeParam, idempotencyKey],
        requestBody: { required: Object.keys(HttpActionBodySchemas[action].shape).length > 0, content: json(ref(name), REQUEST_EXAMPLES.actions[action]) },
        responses: {
          '200': { description: 'the dossier after the action', content: json(ref('DossierView')) },
          '400': error('malformed body (the field is named)'),
          '404': error('unknown dossier'),
          '409': error('refused by the rules (the rule is named; nothing changed), or the dossier is closed (LIFECYCLE.DOSSIER_CLOSED)'),
          ...postErrors,
          '503': error('Temporal unavailable or the dossier did not answer in time'),
        },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Motcua: one-stop administrative dossiers',
      version: '1.0.0',
      description:
        'Errors are `{"error": {"code", "rule", "message"}}`. Instants are RFC 3339 with an offset and a year 2000–2099 (the API writes Vietnam time, +07:00). Only application/json bodies are read (415 otherwise); a method a path does not serve answers 405 with Allow.',
    },
    servers: [{ url: '/' }],
    paths: secured(paths),
    components: {
      schemas,
      securitySchemes: {
        bearerAuth: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description:
            'An OIDC access token of the configured issuer (AUTH_ISSUER) for this API (AUTH_AUDIENCE): its sub is the person, its roles and agency say what they may do. Locally: `npm run --silent token -- --role ROLE --agency CODE`.',
        },
        streamTicket: {
          type: 'apiKey',
          in: 'query',
          name: 'ticket',
          description: 'A ticket of POST /api/v1/stream/tickets (bought with a bearer token), for streams opened by EventSource.',
        },
        postalWebhook: {
          type: 'apiKey',
          in: 'header',
          name: 'webhook-signature',
          description:
            'Standard Webhooks 1.0, for the postal partner only: three headers, `webhook-id` (the eventId), `webhook-timestamp` (Unix seconds, ±300 s) and `webhook-signature` (`v1,<base64 HMAC-SHA256>` over `{id}.{timestamp}.{raw body}` with the key of a `whsec_` secret of POSTAL_WEBHOOK_SECRETS; several space-separated signatures allowed). No bearer token.',
        },
      },
    },
  };
}

/**
 * Every operation states whether it needs a token, from the same list the API enforces
 * (auth/authenticate.ts): the public ones none, the others a bearer token, with their 401 and
 * 403 answers.
 */
type Operation = { responses: Record<string, unknown>; security?: unknown };
function secured(paths: Record<string, Record<string, unknown>>) {
  for (const [path, item] of Object.entries(paths)) {
    for (const [method, value] of Object.entries(item)) {
      const op = value as Operation;
      const concrete = path.replace(/\{[^}]+\}/g, 'x');
      // An operation with its own scheme (the postal webhook's signature) keeps it.
      if (op.security !== undefined) continue;
      if (isPublic(method.toUpperCase(), concrete)) {
        op.security = [];
        continue;
      }
      op.security = [{ bearerAuth: [] }];
      op.responses = {
        '401': error('no access token, or one that is not valid (rule AUTH.TOKEN_MISSING or AUTH.TOKEN_INVALID)'),
        '403': error('the token\'s roles or agency may not do this (the rule is named, e.g. ACCESS.ROLE_MAY_NOT); nothing changed'),
        ...op.responses,
      };
    }
  }
  return paths;
}

/** The statutory reports (ONE-STOP §7): one period of whole days, three formats. */
function reportPaths(): OpenApiDocument['paths'] {
  const date = (name: string, description: string) => ({ name, in: 'query', required: true, description, schema: { type: 'string', format: 'date' } });
  const parameters = [
    date('from', 'first day of the period, YYYY-MM-DD in Vietnam time (a month, a quarter, 6 or 9 months, a year, or any range of days)'),
    date('to', 'last day of the period, YYYY-MM-DD in Vietnam time, not before `from`'),
    { name: 'agency', in: 'query', required: false, description: 'only this lead agency (for Circular 01 indicator 2: the agency of each part)', schema: { type: 'string' } },
    { name: 'field', in: 'query', required: false, description: 'only this field (lĩnh vực) of the procedures', schema: { type: 'string' } },
    { name: 'format', in: 'query', required: false, description: 'json; csv (RFC 4180, UTF-8 with BOM, Vietnamese headers; several tables one after another, an empty line between); xlsx (one worksheet per table, the period in the title row)', schema: { type: 'string', enum: [...REPORT_FORMATS], default: 'json' } },
  ];
  const files = {
    'text/csv': { schema: { type: 'string' } },
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: { type: 'string', format: 'binary' } },
  };
  const report = (operationId: string, summary: string, schema: string) => ({
    get: {
      operationId,
      summary,
      description: 'For OPERATIONS and AUDITOR (403 ACCESS.REPORTS_ONLY otherwise). Computed from the events\' own times in the read model, so a replayed or simulated history reports the same. csv and xlsx come with Content-Disposition: attachment; filename="motcua-<report>-<from>_<to>.<format>".',
      parameters,
      responses: {
        '200': { description: 'the report', content: { ...json(ref(schema)), ...files } },
        '400': error('from or to is not a calendar date YYYY-MM-DD (REPORT.BAD_DATE), the period ends before it starts (REPORT.PERIOD_REVERSED), or an unknown parameter or format'),
      },
    },
  });
  return {
    '/api/v1/reports/ii06a': report('reportIi06a', 'Form II.06a: dossiers received, resolved (early, on time, late), in progress (within limit, overdue), withdrawn, in total and per lead agency and field', 'Ii06aReport'),
    '/api/v1/reports/766': report('report766', 'Decision 766 indicators: 2.1 on-time rate, 2.2 average resolution time per procedure, 3.3 online rate, postal share', 'Report766'),
    '/api/v1/reports/circular01': report('reportCircular01', 'Circular 01/2018 indicators 1–2: each dossier\'s time against its limit, each agency\'s against its allotment, scored 2 / 1 / 0', 'ReportCircular01'),
  };
}

function procedureListParameters() {
  const shape = ProcedureListFilterSchema.shape;
  const described: Record<keyof typeof shape, string> = {
    q: 'words that must all appear in the code or the name, matched ignoring case and Vietnamese diacritics (đ as d), each at a word\'s start',
    field: 'the procedure\'s field (e.g. HO_TICH)',
    unit: 'its default receiving unit (GET /api/v1/units)',
    postal: 'whether the post may carry it',
    onlineLevel: 'its online public service level (Decree 42/2022)',
  };
  return (Object.keys(shape) as (keyof typeof shape)[]).map((name) => ({
    name,
    in: 'query',
    required: false,
    description: described[name],
    schema: jsonSchemaOf(shape[name], { io: 'input' }),
  }));
}

function listParameters() {
  const shape = DossierListFilterSchema.shape;
  const described: Record<string, string> = {
    status: 'the dossier status',
    agency: 'an agency currently holding the dossier',
    overdue: 'past its appointment and unfinished',
    procedure: 'procedure code',
    unit: 'receiving unit',
    limit: 'at most this many (1–500, default 50)',
  };
  return (Object.keys(shape) as (keyof typeof shape)[]).map((name) => ({
    name,
    in: 'query',
    required: false,
    description: described[name],
    schema: name === 'status' ? jsonSchemaOf(DossierStatusSchema) : jsonSchemaOf(shape[name], { io: 'input' }),
  }));
}
