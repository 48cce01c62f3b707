import { Inject, Injectable } from '@nestjs/common';
import { Client, WithStartWorkflowOperation, WorkflowExecutionAlreadyStartedError, type WorkflowExecutionInfo } from '@temporalio/client';
import { WorkflowNotFoundError } from '@temporalio/common';
import { toLocalIso } from '@motcua/calendar';
import type { Actor, DossierView, RecordedEvent } from '@motcua/dossier';
import { API_CONFIG, type ApiConfig } from '../config/api-config';
import { ApiError, ruleViolation } from '../errors/api-error';
import type { DossierGateway, OpeningCommand, PostalCommand } from '../dossiers/dossier-gateway';
import { visibilityQuery, type DossierListFilter, type ListScope } from '../dossiers/dossier-list.query';
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

/** Dossiers as Temporal workflows: one workflow per dossier (id = code), one allocator per unit and day. */
@Injectable()
export class TemporalDossierGateway implements DossierGateway {
  constructor(
    @Inject(TEMPORAL_CLIENT) private readonly client: Client,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  private get taskQueue() {
    return this.config.temporal.taskQueue;
  }

  private withDeadline<T>(fn: () => Promise<T>): Promise<T> {
    return this.client.connection.withDeadline(Date.now() + this.config.temporalCallTimeoutMs, fn);
  }

  async allocateSequence(unit: string, day: string, key: string): Promise<number> {
    const yymmdd = day.slice(2, 4) + day.slice(5, 7) + day.slice(8, 10);
    const workflowId = `dossier-codes:${unit}:${yymmdd}`;
    try {
      return await this.withDeadline(() =>
        this.client.workflow.executeUpdateWithStart(codeAllocateUpdate, {
          args: [{ key }],
          startWorkflowOperation: new WithStartWorkflowOperation(codeAllocatorWorkflow, {
            workflowId,
            taskQueue: this.taskQueue,
            args: [{ unit, day }],
            workflowIdConflictPolicy: 'USE_EXISTING',
            workflowIdReusePolicy: 'REJECT_DUPLICATE',
          }),
        }),
      );
    } catch (e) {
      // The day's allocator ended before its day did (terminated by hand, or failed). Starting it
      // again would hand out numbers already given: intake for this unit waits for an operator.
      if (e instanceof WorkflowExecutionAlreadyStartedError) {
        throw new ApiError(503, 'UNAVAILABLE', 'DOSSIER_CODE.ALLOCATOR_CLOSED', `the dossier codes of unit ${unit} for ${day} cannot be handed out: their allocator (workflow ${workflowId}) has ended before its day; an operator must look at it (README, "Operations")`);
      }
      throw e;
    }
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
