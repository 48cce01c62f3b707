import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure, WorkflowNotFoundError } from '@temporalio/common';
import { calendarFor } from '@motcua/calendar';
import { type DossierListItem, type DossierStatus, TERMINAL_STATUSES } from '@motcua/contracts';
import { Dossier, isRefusal, parseCommand, toView, type Actor, type DossierView, type RecordedEvent } from '@motcua/dossier';
import { closedFor } from '../dossiers/dossier-closed';
import type { DossierGateway, OpeningCommand, PostalCommand } from '../dossiers/dossier-gateway';
import type { DossierListFilter, ListScope } from '../dossiers/dossier-list.query';
import type { HttpAction } from '../dossiers/http-actions';
import { BAD_COMMAND, RULE_VIOLATION, type DossierRegistration } from '../temporal/dossier-workflow';

/**
 * A stand-in for the Temporal gateway in tests without servers: the real Dossier domain class in
 * memory, failing the way the workflow client fails (WorkflowUpdateFailedError carrying a
 * RuleViolation ApplicationFailure, WorkflowNotFoundError), and remembering what it was given.
 */
export class InMemoryDossierGateway implements DossierGateway {
  readonly dossiers = new Map<string, Dossier>();
  readonly registrations: DossierRegistration[] = [];
  readonly commands: { code: string; name: string; arg: Record<string, unknown>; requestId?: string }[] = [];
  private readonly sequences = new Map<string, Map<string, number>>();
  private readonly answered = new Map<string, DossierView>();
  lastListFilter: DossierListFilter | null = null;

  constructor(private readonly now: () => number = () => Date.now()) {}

  async allocateSequence(unit: string, day: string, key: string): Promise<number> {
    const id = `${unit}:${day}`;
    const byKey = this.sequences.get(id) ?? new Map<string, number>();
    this.sequences.set(id, byKey);
    if (!byKey.has(key)) byKey.set(key, byKey.size + 1);
    return byKey.get(key)!;
  }

  async open(registration: DossierRegistration, first: OpeningCommand, requestId: string): Promise<DossierView> {
    const memo = `${registration.code}|${requestId}`;
    const known = this.answered.get(memo);
    if (known) return known;
    let d = this.dossiers.get(registration.code);
    if (!d) {
      d = new Dossier(calendarFor);
      this.registrations.push(registration);
      // check, then execute: execute does not authorize (it also replays what older versions let
      // through). The workflow never sees its registration in a validator (it is its input), so
      // the registration is authorized before a dossier is opened: here, as the API is to do
      // before it starts a workflow.
      const register = { type: 'register', ...registration, at: this.now() } as const;
      const r = d.check(register) ?? d.execute(register);
      if (isRefusal(r)) throw failure(r);
      this.dossiers.set(registration.code, d);
    }
    const view = this.apply(registration.code, d, first.name, first.arg, requestId);
    this.answered.set(memo, view);
    return view;
  }

  async execute(code: string, action: HttpAction | PostalCommand, arg: Record<string, unknown> & { by: Actor }, requestId?: string): Promise<DossierView> {
    const d = this.dossiers.get(code);
    if (!d) throw new WorkflowNotFoundError('workflow not found', code, undefined);
    const memo = requestId && `${code}|${requestId}`;
    if (memo && this.answered.has(memo)) return this.answered.get(memo)!;
    // As the workflow, which stays open for the rating once the result is returned.
    const closed = closedFor(d.state, action);
    if (closed) throw closed;
    const view = this.apply(code, d, action, arg, requestId);
    if (memo) this.answered.set(memo, view);
    return view;
  }

  async read(code: string): Promise<{ view: DossierView; events: RecordedEvent[] }> {
    const d = this.dossiers.get(code);
    if (!d) throw new WorkflowNotFoundError('workflow not found', code, undefined);
    return { view: toView(d.state, this.now()), events: [...d.events] };
  }

  async list(filter: DossierListFilter, scope: ListScope = { kind: 'ALL' }): Promise<DossierListItem[]> {
    this.lastListFilter = filter;
    const views = [...this.dossiers.values()].map((d) => toView(d.state, this.now()));
    const inScope = (v: DossierView) =>
      scope.kind === 'ALL' || (scope.kind === 'RECEIVING_UNIT' ? v.unit === scope.unit : v.stages.some((m) => m.agency === scope.agency));
    return views
      .filter(inScope)
      .filter((v) => (filter.status === undefined || v.status === filter.status) && (filter.agency === undefined || v.holders.includes(filter.agency)))
      .slice(0, filter.limit)
      .map((v) => ({
        code: v.code,
        status: v.status,
        procedure: v.procedure.code,
        unit: v.unit,
        channel: v.channel,
        finalAppointment: v.finalAppointment,
        overdue: v.overdue,
        agencies: v.holders,
        closed: TERMINAL_STATUSES.includes(v.status as DossierStatus),
      }));
  }

  private apply(code: string, d: Dossier, name: string, arg: Record<string, unknown>, requestId?: string): DossierView {
    this.commands.push({ code, name, arg, requestId });
    // As the workflow's validator does: parse, then check (authorize, then decide); then, as its
    // handler does, execute, which does not authorize.
    const command = parseCommand(name, arg, this.now);
    if (isRefusal(command)) throw failure(command, BAD_COMMAND);
    const r = d.check(command) ?? d.execute(command);
    if (isRefusal(r)) throw failure(r);
    return toView(d.state, this.now());
  }
}

function failure(r: { rule: string; message: string }, type = RULE_VIOLATION): WorkflowUpdateFailedError {
  return new WorkflowUpdateFailedError('Workflow Update failed', ApplicationFailure.nonRetryable(r.message, type, r));
}
