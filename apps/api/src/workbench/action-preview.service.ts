import { Inject, Injectable } from '@nestjs/common';
import { calendarFor, toLocalIso } from '@motcua/calendar';
import { HTTP_ACTIONS } from '@motcua/contracts';
import {
  apologyBound,
  Dossier,
  holders,
  isRefusal,
  openConsultations,
  parseCommand,
  parseDossierCode,
  ruleSetOf,
  supplementRequestsLeft,
  supplementTiming,
  supplementWindowCloses,
  type Actor,
  type DossierState,
} from '@motcua/dossier';
import { ActorResolver } from '../actor/actor-resolver';
import type { Principal } from '../auth/principal';
import { Clock } from '../dossiers/clock';
import { closedFor } from '../dossiers/dossier-closed';
import { DossierGateway } from '../dossiers/dossier-gateway';
import type { HttpAction } from '../dossiers/http-actions';
import { ApiError, fromRefusal, notFound } from '../errors/api-error';
import { ProcedureCatalog } from '../procedures/procedure-catalog';
import { ACTION_EFFECTS } from './action-effects';
import { CONSULTATION_ALLOTTED, fieldsOf } from './action-fields';
import type { ActionPreview, DossierActions, SupplementWindow } from './workbench-schemas';

/**
 * GET /api/v1/dossiers/{code}/actions: every officer's action, tried on the dossier as it stands
 * without being given. The same checks in the same order as a real request: the caller's role
 * (ActorResolver, 403), a closed dossier (409 LIFECYCLE.DOSSIER_CLOSED), then the domain's own
 * `Dossier.check` (authorization 403, then `decide` 409) on the dossier rebuilt from its events,
 * with the body the page would send (the caller's agency, the first allowed channel, an apology's
 * latest allowed appointment). No rule is written twice: the answers are the rules' own.
 */
@Injectable()
export class ActionPreviewService {
  constructor(
    @Inject(DossierGateway) private readonly gateway: DossierGateway,
    @Inject(ProcedureCatalog) private readonly catalog: ProcedureCatalog,
    @Inject(ActorResolver) private readonly actors: ActorResolver,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async preview(code: string, caller: Principal): Promise<DossierActions> {
    if (!parseDossierCode(code)) throw notFound(`dossier ${JSON.stringify(code.slice(0, 80))} not found`);
    const { view, events } = await this.gateway.read(code);
    this.actors.requireReader(caller, view);
    const dossier = Dossier.fromLog(calendarFor, events);
    const state = dossier.state;
    const now = this.clock.now();
    const calendar = state.calendar ? calendarFor(state.calendar.id, state.calendar.version) : null;
    const bound = calendar ? apologyBound(state, calendar) : null;
    const procedure = state.procedure ? this.catalog.find(state.procedure.code, state.procedure.version) : undefined;
    const sources = {
      state,
      agency: caller.agency,
      documents: procedure?.documents ?? [],
      agencies: this.catalog.agencies.agencies.map((a) => ({ code: a.code, name: a.name })),
      apologyBound: bound,
    };

    const actions = HTTP_ACTIONS.map((action): ActionPreview => {
      const bodies = candidateBodies(action, state, caller.agency, now, bound, sources.agencies);
      const refusals = bodies.map((body) => this.refusalOf(dossier, action, body, caller, now));
      const passing = bodies.filter((_, i) => refusals[i] === null);
      const channels = (passing.length ? passing : bodies).map((b) => b.channel).filter((c): c is string => typeof c === 'string');
      const refused = passing.length ? null : refusals[0];
      const window = action === 'requestSupplement' ? supplementWindowOf(state, caller.agency, now) : undefined;
      return {
        action,
        allowed: refused === null,
        ...(refused ? { status: refused.status, rule: refused.rule ?? undefined, message: refused.message } : {}),
        effect: ACTION_EFFECTS[action],
        fields: fieldsOf(action, { ...sources, channels }),
        ...(window ? { supplementWindow: window } : {}),
      };
    });
    return { code: view.code, status: view.status, asOf: toLocalIso(now), actions };
  }

  /** The API's answer to this body now, were it sent: null when it would be taken. */
  private refusalOf(dossier: Dossier, action: HttpAction, body: Record<string, unknown>, caller: Principal, now: number): ApiError | null {
    let by: Actor;
    try {
      by = this.actors.actorFor(caller, action);
    } catch (e) {
      if (e instanceof ApiError) return e;
      throw e;
    }
    const closed = closedFor(dossier.state, action);
    if (closed) return closed;
    const command = parseCommand(action, { ...body, by }, () => now);
    const refusal = isRefusal(command) ? command : dossier.check(command);
    return refusal ? fromRefusal(refusal) : null;
  }
}

/** The bodies a page would send, tried in turn: one, or one per channel (`submit`, `return`). */
function candidateBodies(
  action: HttpAction,
  state: DossierState,
  agency: string | null,
  now: number,
  bound: number | null,
  agencies: readonly { code: string }[],
): Record<string, unknown>[] {
  const own = { agency: agency ?? '' };
  switch (action) {
    case 'submit':
      return [{ channel: 'COUNTER' }, { channel: 'ONLINE' }];
    case 'return':
      return [{ channel: 'COUNTER' }, { channel: 'ONLINE' }, { channel: 'POSTAL' }];
    case 'complete':
    case 'requestSupplement':
    case 'appraise':
    case 'approve':
    case 'reject':
    case 'answerConsultation':
      return [own];
    case 'stop':
      return [{ ...own, reasons: ['OTHER'] }];
    case 'assign':
      return [{ ...own, officer: 'officer' }];
    case 'apologize':
      // The latest appointment the rules allow: refused only when no appointment is left to give.
      return [{ ...own, newAppointment: toLocalIso(bound ?? now + 86_400_000) }];
    case 'consult': {
      const asked = new Set(openConsultations(state).map((c) => c.to));
      const to = agencies.find((a) => a.code !== agency && !asked.has(a.code))?.code ?? agency ?? '';
      return [{ ...own, to, allotted: CONSULTATION_ALLOTTED }];
    }
    case 'rate':
      return [{ level: 'SATISFIED' }];
    case 'accept':
    case 'requestIntakeSupplement':
    case 'refuseIntake':
    case 'supplement':
    case 'withdraw':
      return [{}];
  }
}

function supplementWindowOf(state: DossierState, agency: string | null, now: number): SupplementWindow | undefined {
  const m = holders(state).find((x) => x.agency === agency);
  if (!m || !state.calendar || !state.ruleSet || m.clockStartedAt === null) return undefined;
  const calendar = calendarFor(state.calendar.id, state.calendar.version);
  const rules = ruleSetOf(state.ruleSet);
  const { workingDaysSinceReceipt, late } = supplementTiming(m, now, calendar, rules);
  return {
    workingDays: rules.supplementWindowWorkingDays,
    workingDaysSinceReceipt,
    open: !late,
    closesAt: toLocalIso(supplementWindowCloses(m, calendar, rules)),
    requestsLeft: Math.max(0, supplementRequestsLeft(state)),
  };
}
