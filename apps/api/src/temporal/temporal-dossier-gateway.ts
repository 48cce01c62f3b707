import { Inject, Injectable } from '@nestjs/common';
import { Client, WithStartWorkflowOperation, WorkflowExecutionAlreadyStartedError, type WorkflowExecutionInfo } from '@temporalio/client';
import type { DossierCodes } from '@motcua/store';
import { WorkflowNotFoundError } from '@temporalio/common';
import { toLocalIso } from '@motcua/calendar';
import { parseDossierCode, type Actor, type DossierView, type RecordedEvent } from '@motcua/dossier';
import { API_CONFIG, type ApiConfig } from '../config/api-config';
import { ApiError, ruleViolation } from '../errors/api-error';
import { DOSSIER_CODES } from '../store/store.tokens';
import type { DossierGateway, OpeningCommand, PostalCommand } from '../dossiers/dossier-gateway';
import { quote, visibilityQuery, type DossierListFilter, type ListScope } from '../dossiers/dossier-list.query';
import type { DossierListItem } from '@motcua/contracts';
import type { HttpAction } from '../dossiers/http-actions';
import {
  codeAllocateUpdate,
  codeAllocatorWorkflow,
  commandUpdate,
  dossierWorkflow,
  eventsQuery,
  SA,
  stateQuery,
  type DossierRegistration,
} from './dossier-workflow';
import { TEMPORAL_CLIENT } from './temporal.tokens';

/** Codes are 4 digits (Circular 01/2018 Art. 19): a unit cannot receive more than this in a day. */
const MAX_CODES_PER_DAY = 9999;

/** Dossiers as Temporal workflows: one workflow per dossier (id = code); their codes from the store. */
@Injectable()
export class TemporalDossierGateway implements DossierGateway {
  constructor(
    @Inject(TEMPORAL_CLIENT) private readonly client: Client,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    @Inject(DOSSIER_CODES) private readonly codes: DossierCodes,
  ) {}

  private get taskQueue() {
    return this.config.temporal.taskQueue;
  }

  private withDeadline<T>(fn: () => Promise<T>): Promise<T> {
    return this.client.connection.withDeadline(Date.now() + this.config.temporalCallTimeoutMs, fn);
  }

  /**
   * From the store (libs/store/src/dossier-codes.ts): one statement per number, so a unit's
   * registrations no longer queue behind one workflow. A unit-day's first number asks the allocator
   * workflow of that day, which handed out the numbers before, where it stopped (nothing, on any
   * day after the switch).
   */
  async allocateSequence(unit: string, day: string, key: string): Promise<number> {
    let allocation = await this.codes.allocate(unit, day, key, MAX_CODES_PER_DAY);
    if (allocation.outcome === 'unseeded') {
      await this.codes.seed(unit, day, Math.max(await this.allocatorWorkflowLast(unit, day), await this.highestStartedSequence(unit, day)));
      allocation = await this.codes.allocate(unit, day, key, MAX_CODES_PER_DAY);
    }
    if (allocation.outcome === 'allocated') return allocation.sequence;
    throw ruleViolation('DOSSIER_CODE.DAY_EXHAUSTED', `unit ${unit} has used all ${MAX_CODES_PER_DAY} dossier codes of ${day}`);
  }

  /**
   * The last number the unit-day's allocator workflow (the way before codes moved to the store)
   * handed out, 0 if it never ran. A running one gives one more number under a key of its own,
   * the same to every API instance that asks: the counter starts after it. Left alone, it ends
   * after its day as it always did.
   */
  private async allocatorWorkflowLast(unit: string, day: string): Promise<number> {
    const yymmdd = day.slice(2, 4) + day.slice(5, 7) + day.slice(8, 10);
    const workflowId = `dossier-codes:${unit}:${yymmdd}`;
    const handle = this.client.workflow.getHandle<typeof codeAllocatorWorkflow>(workflowId);
    let status: string;
    try {
      status = (await this.withDeadline(() => handle.describe())).status.name;
    } catch (e) {
      if (e instanceof WorkflowNotFoundError) return 0;
      throw e;
    }
    // It ended before its day did (terminated by hand, or failed): where it stopped is unknown,
    // and starting after 0 would hand out numbers already given. Intake for this unit waits for an operator.
    if (status !== 'RUNNING') {
      throw new ApiError(503, 'UNAVAILABLE', 'DOSSIER_CODE.ALLOCATOR_CLOSED', `the dossier codes of unit ${unit} for ${day} cannot be handed out: their allocator (workflow ${workflowId}) has ended before its day; an operator must look at it (README, "Operations")`);
    }
    return this.withDeadline(() => handle.executeUpdate(codeAllocateUpdate, { args: [{ key: 'handed-over-to-the-store' }] }));
  }

  /**
   * The highest number of the unit-day among the dossiers Temporal already has: a counter that
   * starts afresh (a store emptied or replaced beside a Temporal that kept its dossiers, as test
   * stores and a restored backup are) would otherwise hand out codes that are already workflows,
   * and the registration would land on another dossier. Read once per unit-day and store.
   */
  private async highestStartedSequence(unit: string, day: string): Promise<number> {
    const yymmdd = day.slice(2, 4) + day.slice(5, 7) + day.slice(8, 10);
    // The code's day is Vietnam's (UTC+7): its dossiers started after the previous day's 17:00 UTC.
    const since = new Date(Date.parse(`${day}T00:00:00+07:00`) - 86_400_000).toISOString();
    const query = `WorkflowType = ${quote('dossierWorkflow')} AND ${SA.unit.name} = ${quote(unit)} AND StartTime >= ${quote(since)}`;
    let highest = 0;
    await this.withDeadline(async () => {
      for await (const info of this.client.workflow.list({ query, pageSize: 1000 })) {
        const code = parseDossierCode(info.workflowId);
        if (code && code.unit === unit && code.yymmdd === yymmdd) highest = Math.max(highest, code.sequence);
      }
    });
    return highest;
  }

  async open(registration: DossierRegistration, first: OpeningCommand, requestId: string): Promise<DossierView> {
    try {
      return await this.withDeadline(() =>
        this.client.workflow.executeUpdateWithStart(commandUpdate(first.name), {
          args: [first.arg],
          updateId: requestId,
          startWorkflowOperation: new WithStartWorkflowOperation(dossierWorkflow, {
            workflowId: registration.code,
            taskQueue: this.taskQueue,
            args: [{ registration, ...(this.config.ratingWindowMs > 0 ? { ratingWindowMs: this.config.ratingWindowMs } : {}) }],
            workflowIdConflictPolicy: 'USE_EXISTING',
            // A code is never reused: a closed dossier is not started again under it.
            workflowIdReusePolicy: 'REJECT_DUPLICATE',
          }),
        }),
      );
    } catch (e) {
      // The same request again after its dossier already ended (e.g. refused at intake): the
      // allocator gave the same code, so answer with that dossier as it stands.
      if (e instanceof WorkflowExecutionAlreadyStartedError) return (await this.read(registration.code)).view;
      throw e;
    }
  }

  async execute(code: string, action: HttpAction | PostalCommand, arg: Record<string, unknown> & { by: Actor }, requestId?: string): Promise<DossierView> {
    const handle = this.client.workflow.getHandle<typeof dossierWorkflow>(code);
    try {
      return await this.withDeadline(() =>
        handle.executeUpdate(commandUpdate(action), { args: [arg as never], ...(requestId ? { updateId: requestId } : {}) }),
      );
    } catch (e) {
      if (e instanceof WorkflowNotFoundError) await this.refuseIfClosed(code);
      throw e;
    }
  }

  async read(code: string): Promise<{ view: DossierView; events: RecordedEvent[] }> {
    const handle = this.client.workflow.getHandle<typeof dossierWorkflow>(code);
    // State first: events only grow, so the events read after it include all the state reflects.
    // As of now: a query sees the workflow's clock as of its last task, which lags behind a
    // deadline that has just passed; the alerts due by now are folded in.
    const view = await this.withDeadline(() => handle.query(stateQuery, { asOf: new Date().toISOString() }));
    const events = await this.withDeadline(() => handle.query(eventsQuery));
    return { view, events };
  }

  async list(filter: DossierListFilter, scope: ListScope): Promise<DossierListItem[]> {
    const names = { status: SA.status.name, agencies: SA.agencies.name, overdue: SA.overdue.name, procedure: SA.procedure.name, unit: SA.unit.name, route: SA.route.name };
    const query = visibilityQuery(filter, names, scope);
    const items: DossierListItem[] = [];
    await this.withDeadline(async () => {
      for await (const info of this.client.workflow.list({ query, pageSize: Math.min(filter.limit, 100) })) {
        items.push(listItem(info));
        if (items.length >= filter.limit) break;
      }
    });
    return items;
  }

  /** An update on an ended workflow reads as "not found": tell a closed dossier from an unknown one. */
  private async refuseIfClosed(code: string): Promise<void> {
    let status: string;
    try {
      status = (await this.withDeadline(() => this.client.workflow.getHandle(code).describe())).status.name;
    } catch {
      return; // unknown (or unreachable): the original error stands
    }
    if (status !== 'RUNNING') throw ruleViolation('LIFECYCLE.DOSSIER_CLOSED', `dossier ${code} is closed: nothing more can happen to it`);
  }
}

function listItem(info: WorkflowExecutionInfo): DossierListItem {
  const sa = info.typedSearchAttributes;
  const appointment = sa.get(SA.appointment);
  return {
    code: info.workflowId,
    status: (sa.get(SA.status) as DossierListItem['status']) ?? null,
    procedure: sa.get(SA.procedure) ?? null,
    unit: sa.get(SA.unit) ?? null,
    channel: (sa.get(SA.channel) as DossierListItem['channel']) ?? null,
    finalAppointment: appointment ? toLocalIso(appointment.getTime()) : null,
    overdue: sa.get(SA.overdue) ?? null,
    agencies: sa.get(SA.agencies) ?? [],
    closed: info.status.name !== 'RUNNING',
  };
}
