import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { calendarFor, toLocalIso } from '@motcua/calendar';
import { HttpActionBodySchemas, CreateDossierBodySchema, isSimulationUnit, type DossierDetail, type DossierListItem } from '@motcua/contracts';
import { Dossier, formatDossierCode, isRefusal, parseCommand, parseDossierCode, ruleSetAt, type DossierCommand, type DossierView } from '@motcua/dossier';
import { ActorResolver } from '../actor/actor-resolver';
import type { Principal } from '../auth/principal';
import type { RequestHeaders } from '../http/request-headers';
import { API_CONFIG, type ApiConfig } from '../config/api-config';
import { API_RULES, badRequest, fromRefusal, notFound, ruleViolation } from '../errors/api-error';
import { parseOr400 } from '../errors/parse-body';
import { ProcedureCatalog } from '../procedures/procedure-catalog';
import { applicantRef } from './applicant-ref';
import { Clock } from './clock';
import { DossierGateway, type OpeningCommand } from './dossier-gateway';
import type { DossierRegistration } from '../temporal/dossier-workflow';
import { DossierListFilterSchema } from './dossier-list.query';
import { isHttpAction } from './http-actions';
import { idempotencyKeyOf } from './idempotency-key';
import { RequestKeysService } from './request-keys.service';
import type { ApplicantContact, ApplicantContacts, DossierNote, DossierNotes } from '@motcua/store';
import { APPLICANT_CONTACTS, DOSSIER_NOTES } from '../store/store.tokens';
import { fromTemporalError } from '../errors/temporal-errors';
import { ApiError } from '../errors/api-error';

/**
 * The dossier use cases behind the HTTP API: intake (code allocation, registration and the first
 * command), officer actions, reading and listing. HTTP-free: the controller hands it the raw
 * body, headers and query, and it answers with views or throws ApiError / the workflow client's
 * errors, which the exception filter maps.
 */
@Injectable()
export class DossierService {
  constructor(
    @Inject(DossierGateway) private readonly gateway: DossierGateway,
    @Inject(ProcedureCatalog) private readonly catalog: ProcedureCatalog,
    @Inject(ActorResolver) private readonly actors: ActorResolver,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    @Inject(RequestKeysService) private readonly requestKeys: RequestKeysService,
    @Inject(DOSSIER_NOTES) private readonly notes: DossierNotes,
    @Inject(APPLICANT_CONTACTS) private readonly contacts: ApplicantContacts,
  ) {}

  /** POST /api/v1/dossiers. */
  async create(body: unknown, headers: RequestHeaders, caller: Principal): Promise<DossierView> {
    const input = parseOr400(CreateDossierBodySchema, body);
    const procedure = this.catalog.find(input.procedureCode);
    if (!procedure) {
      throw badRequest(`procedureCode: unknown procedure "${input.procedureCode}"`, 'CATALOG.UNKNOWN_PROCEDURE' satisfies keyof typeof API_RULES);
    }
    if (input.channel === 'POSTAL') {
      if (!procedure.postal) {
        throw ruleViolation('POSTAL.NOT_FOR_PROCEDURE', `procedure ${procedure.code} cannot be submitted through the public postal service`);
      }
      if (!input.pickupAddress && !input.applicant.address) {
        throw badRequest('pickupAddress: a postal pickup needs pickupAddress or applicant.address', 'POSTAL.PICKUP_ADDRESS_MISSING');
      }
    }
    const unit = input.unit ?? procedure.unit;
    this.requireReceivingUnit(unit);
    const by = this.actors.actorFor(caller, 'register');
    const now = this.clock.now();
    const calendar = calendarFor(this.config.calendarId);
    const registration: Omit<DossierRegistration, 'code'> = {
      unit,
      procedure: { ...procedure, version: procedure.version },
      ruleSet: ruleSetAt(now),
      calendar: { id: calendar.id, version: calendar.version },
      // Personal data stops here: the dossier carries only this pseudonymous reference.
      applicantRef: applicantRef(input.applicant.idNumber, this.config.applicantRefSecret),
      by,
    };
    const first: OpeningCommand =
      input.channel === 'POSTAL' ? { name: 'requestPickup', arg: { by } } : { name: 'submit', arg: { channel: input.channel, by } };
    this.checkOpening(registration, first, now);

    const key = idempotencyKeyOf(headers);
    const request = key === undefined ? null : await this.requestKeys.claim(by, key, 'POST /api/v1/dossiers', input);
    // A retry of a request that already got its code keeps it, even on another day.
    let code = request?.dossierCode ?? null;
    if (!code) {
      const day = calendar.localDate(now);
      const sequence = await this.gateway.allocateSequence(unit, day, request?.id ?? randomUUID());
      code = formatDossierCode(unit, day, sequence);
      if (request) code = await this.requestKeys.bind(request, code);
    }
    // Kept before the dossier opens, so no dossier ever exists without its applicant's contact
    // data; a retry reaches the same code and keeps the first record (keep is idempotent by code).
    await this.contacts.keep({
      dossierCode: code,
      name: input.applicant.name,
      idNumber: input.applicant.idNumber,
      phone: input.applicant.phone,
      address: input.applicant.address ?? null,
      pickupAddress: input.channel === 'POSTAL' ? (input.pickupAddress ?? null) : null,
      addressArea: input.applicant.addressArea ?? null,
      pickupArea: input.channel === 'POSTAL' ? (input.pickupArea ?? null) : null,
      ...(input.applicant.email ? { email: input.applicant.email } : {}),
    });
    return this.gateway.open({ ...registration, code }, first, `create:${request?.id ?? randomUUID()}`);
  }

  /**
   * The registration and its first command, tried on a dossier of no consequence before a code is
   * spent or a workflow started: update-with-start starts the workflow even when the update is
   * then refused, so who may open a dossier here (the domain's table) is asked first.
   */
  private checkOpening(registration: Omit<DossierRegistration, 'code'>, first: OpeningCommand, now: number): void {
    const trial = new Dossier(calendarFor);
    const register: DossierCommand = { type: 'register', ...registration, code: `${registration.unit}-000101-0000`, at: now };
    const refused = trial.check(register);
    if (refused) throw fromRefusal(refused);
    trial.execute(register);
    const command = parseCommand(first.name, first.arg, () => now);
    const refusedFirst = isRefusal(command) ? command : trial.check(command);
    if (refusedFirst) throw fromRefusal(refusedFirst);
  }

  /** POST /api/v1/dossiers/{code}/{action}. */
  async act(code: string, action: string, body: unknown, headers: RequestHeaders, caller: Principal): Promise<DossierView> {
    if (!isHttpAction(action)) throw notFound(`unknown action "${action}"`);
    const parsedCode = this.requireCode(code);
    const { note, ...data } = parseOr400(HttpActionBodySchemas[action], body ?? {}) as Record<string, unknown> & { note?: string };
    void parsedCode;
    const by = this.actors.actorFor(caller, action);
    const key = idempotencyKeyOf(headers);
    const request = key === undefined ? null : await this.requestKeys.claim(by, key, `POST /api/v1/dossiers/${code}/${action}`, { ...data, note });
    const requestId = request ? `cmd:${request.id}` : undefined;
    if (note === undefined) return this.gateway.execute(code, action, { ...data, by }, requestId);

    // The note is kept before the command, so no event ever names a note that is not there; a
    // retry keeps the same note (its id derives from the request), a refusal discards it.
    const noteRef = `note:${request?.id ?? randomUUID().replaceAll('-', '')}`;
    await this.notes.keep({ id: noteRef, dossierCode: code, action, text: note, authorId: by.id, authorAgency: by.agency });
    try {
      return await this.gateway.execute(code, action, { ...data, noteRef, by }, requestId);
    } catch (e) {
      if (refusedForSure(e)) await this.notes.discard(noteRef);
      throw e;
    }
  }

  /** GET /api/v1/dossiers/{code}/notes: what officers wrote beside the codes of their actions. */
  async notesOf(code: string, caller: Principal): Promise<DossierNote[]> {
    this.requireCode(code);
    const { view } = await this.gateway.read(code); // 404 for an unknown dossier, as every other read
    this.actors.requireReader(caller, view);
    return this.notes.of(code);
  }

  /**
   * GET /api/v1/dossiers/{code}/applicant: the applicant's contact data, for the receiving unit's
   * one-stop officers (who call and hand back) and auditors only; the agencies processing the
   * dossier work from the documents and need no phone number or address.
   */
  async applicantOf(code: string, caller: Principal): Promise<ApplicantContact> {
    this.requireCode(code);
    const { view } = await this.gateway.read(code); // 404 for an unknown dossier, as every other read
    const mayReadContacts = caller.roles.some((r) => r === 'AUDITOR' || (r === 'ONE_STOP_OFFICER' && caller.agency === view.unit));
    if (!mayReadContacts) {
      throw new ApiError(403, 'FORBIDDEN', 'ACCESS.MAY_NOT_READ', `the applicant of dossier ${view.code} is for its receiving unit's one-stop officers and auditors`);
    }
    const contact = await this.contacts.of(code);
    // Dossiers opened before contacts were kept (or by scenarios, which have none) have no record.
    if (!contact) throw notFound(`no applicant contact data is kept for dossier ${code}`);
    return contact;
  }

  /** GET /api/v1/dossiers/{code}: for its unit, the agencies of its route, operations and auditors. */
  async get(code: string, caller: Principal): Promise<DossierDetail> {
    this.requireCode(code);
    const { view, events } = await this.gateway.read(code);
    this.actors.requireReader(caller, view);
    return {
      ...view,
      events: events
        .filter((r) => r.sequence <= view.sequence)
        .map((r) => ({ id: r.id, type: r.event.type, sequence: r.sequence, at: toLocalIso(r.event.at), actor: r.event.by })),
    };
  }

  /** GET /api/v1/dossiers. */
  async list(query: unknown, caller: Principal): Promise<DossierListItem[]> {
    const filter = parseOr400(DossierListFilterSchema, query ?? {}, 'query');
    const scope = this.actors.listScope(caller);
    // A caller who may read no dossier (the portal, the admin) sees an empty list, not an error.
    return scope ? this.gateway.list(filter, scope) : [];
  }

  /**
   * Before any code is allocated: every new unit string would otherwise start its own allocator
   * workflow and a code series nobody can receive under. Any registered unit may receive any
   * procedure, a simplification: which unit receives which procedure is each province's published
   * list, which the catalog does not carry yet, and Decree 118/2025 moves towards receipt
   * regardless of administrative boundaries; the route, not the receiving unit, decides who
   * processes the dossier.
   */
  private requireReceivingUnit(unit: string): void {
    if (isSimulationUnit(unit)) {
      throw badRequest(`unit: "${unit}" is reserved for simulated dossiers`, 'UNIT.RESERVED_FOR_SIMULATION' satisfies keyof typeof API_RULES);
    }
    if (!this.catalog.units.find(unit)) {
      throw badRequest(`unit: "${unit}" is not a registered one-stop unit (GET /api/v1/units)`, 'CATALOG.UNKNOWN_UNIT' satisfies keyof typeof API_RULES);
    }
  }

  /** A well-formed dossier code, or 404: anything else is no dossier (and never another workflow). */
  private requireCode(code: string) {
    const parsed = parseDossierCode(code);
    if (!parsed) throw notFound(`dossier ${JSON.stringify(code.slice(0, 80))} not found`);
    return parsed;
  }
}

/** A command the dossier did not take (refused by the rules, malformed, unknown dossier): not a timeout, after which it may still apply. */
function refusedForSure(e: unknown): boolean {
  const answer = e instanceof ApiError ? e : fromTemporalError(e);
  return answer !== null && answer.status >= 400 && answer.status < 500;
}
