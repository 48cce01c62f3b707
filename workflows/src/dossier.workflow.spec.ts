import { Worker } from '@temporalio/worker';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { MemoryPublisher } from '@motcua/event-bus';
import { createNotificationActivities, createPublishActivities, LocalSender, type NotificationActivities, type OutgoingMessage } from '@motcua/activities';
import { MemoryApplicantContacts, MemoryNotifications } from '@motcua/store';
import { notificationsKeptNowhere } from '@motcua/temporal';
import { vnGovCalendar } from '@motcua/calendar';
import type { Procedure } from '@motcua/contracts';
import { fromCloudEvent } from '@motcua/wire';
import { commandUpdate, dossierWorkflow, eventsQuery, RULE_VIOLATION, stateQuery, type DossierWorkflowInput } from './public-api';
import { startTimeSkipping, type TimeSkipping } from '../../libs/temporal/src/testing/time-skipping';

/**
 * The workflow shell on the time-skipping server: updates decide, timers fire at their instants
 * while time skips, refused commands leave no trace, and events reach the publisher in order.
 */

const procedure: Procedure & { version: string } = {
  code: 'T.TEST.01',
  name: 'Thủ tục thử',
  version: '1',
  timeLimit: { amount: 3, unit: 'WORKING_DAYS' },
  route: [
    { agency: 'SO_A', allotted: { amount: 2, unit: 'WORKING_DAYS' } },
    { agency: 'SO_B', allotted: { amount: 1, unit: 'WORKING_DAYS' } },
  ],
};
const officer = { id: 'officer-1', role: 'ONE_STOP_OFFICER', agency: '000.00.00.H42' };
const agency = (a: string) => ({ id: 'officer-2', role: 'AGENCY_OFFICER', agency: a });

describe('dossierWorkflow', () => {
  let server: TimeSkipping;
  let env: TimeSkipping['env'];
  beforeAll(async () => {
    server = await startTimeSkipping();
    env = server.env;
  });
  afterAll(() => env?.teardown());

  async function withWorker<T>(fn: (publisher: MemoryPublisher) => Promise<T>, notifier: NotificationActivities = createNotificationActivities(notificationsKeptNowhere())): Promise<T> {
    const publisher = new MemoryPublisher();
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue: 'test',
      workflowBundle: server.bundle,
      activities: { ...createPublishActivities({ publisher }), ...notifier },
    });
    return worker.runUntil(() => fn(publisher));
  }

  /** Starts a dossier registered at `startIso` (Vietnam time), the workflow's clock set to it. */
  async function startDossier(code: string, startIso: string, extra: Partial<DossierWorkflowInput> = {}, applicantRef: string | null = null) {
    const offset = Date.parse(startIso) - (await env.currentTimeMs());
    const calendar = vnGovCalendar();
    const input: DossierWorkflowInput = {
      registration: { code, unit: '000.00.00.H42', procedure, ruleSet: 'ND118-2025', calendar: { id: calendar.id, version: calendar.version }, applicantRef, by: officer, at: startIso },
      clockOffsetMs: offset,
      visibility: false,
      ...extra,
    };
    return { offset, handle: await env.client.workflow.start(dossierWorkflow, { workflowId: code, taskQueue: 'test', args: [input] }) };
  }

  it('takes a dossier from submission to return, with the exact events at their instants', async () => {
    await withWorker(async (publisher) => {
      const start = Date.parse('2026-03-02T09:00:00+07:00');
      const offset = start - (await env.currentTimeMs());
      const code = '000.00.00.H42-260302-0001';
      const calendar = vnGovCalendar();
      const input: DossierWorkflowInput = {
        registration: {
          code,
          unit: '000.00.00.H42',
          procedure,
          ruleSet: 'ND118-2025',
          calendar: { id: calendar.id, version: calendar.version },
          applicantRef: 'ref-1',
          by: officer,
        },
        clockOffsetMs: offset,
        visibility: false,
      };
      const handle = await env.client.workflow.start(dossierWorkflow, { workflowId: code, taskQueue: 'test', args: [input] });
      const until = async (iso: string) => env.sleep(Date.parse(iso) - ((await env.currentTimeMs()) + offset));

      // No explicit instant: the workflow's own (offset) clock stamps the command.
      const submitted = await handle.executeUpdate(commandUpdate('submit'), { args: [{ channel: 'COUNTER', by: officer }] });
      expect(submitted.status).toBe('SUBMITTED');
      expect(Math.abs(Date.parse(submitted.submittedAt!) - start)).toBeLessThan(5000);

      await until('2026-03-02T09:20:00+07:00');
      const accepted = await handle.executeUpdate(commandUpdate('accept'), { args: [{ by: officer, at: '2026-03-02T09:20:00+07:00' }] });
      expect(accepted).toMatchObject({ status: 'IN_PROCESSING', appointment: '2026-03-05T17:00:00+07:00', holders: ['SO_A'] });

      // Two and a half days pass: SO_A's near-due, the dossier's near-due and SO_A's overdue fire.
      await until('2026-03-05T09:00:00+07:00');
      await handle.executeUpdate(commandUpdate('complete'), { args: [{ agency: 'SO_A', by: agency('SO_A'), at: '2026-03-05T09:00:00+07:00' }] });

      const before = (await handle.query(eventsQuery)).length;
      const refused = await handle
        .executeUpdate(commandUpdate('return'), { args: [{ channel: 'COUNTER', by: officer, at: '2026-03-05T09:30:00+07:00' }] })
        .catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(WorkflowUpdateFailedError);
      const cause = (refused as WorkflowUpdateFailedError).cause as ApplicationFailure;
      expect(cause.type).toBe(RULE_VIOLATION);
      expect(cause.details?.[0]).toMatchObject({ rule: 'LIFECYCLE.ACTION_NOT_ALLOWED' });
      expect((await handle.query(eventsQuery)).length).toBe(before);

      const wrongAgency = await handle
        .executeUpdate(commandUpdate('complete'), { args: [{ agency: 'SO_A', by: agency('SO_A'), at: '2026-03-05T09:40:00+07:00' }] })
        .catch((e: unknown) => e);
      expect(((wrongAgency as WorkflowUpdateFailedError).cause as ApplicationFailure).details?.[0]).toMatchObject({ rule: 'ROUTE.AGENCY_DOES_NOT_HOLD' });

      await until('2026-03-05T10:00:00+07:00');
      const ready = await handle.executeUpdate(commandUpdate('complete'), { args: [{ agency: 'SO_B', by: agency('SO_B'), at: '2026-03-05T10:00:00+07:00' }] });
      expect(ready).toMatchObject({ status: 'RESULT_READY', outcome: 'ON_TIME' });
      await handle.executeUpdate(commandUpdate('return'), { args: [{ channel: 'COUNTER', by: officer, at: '2026-03-05T10:30:00+07:00' }] });
      const final = await handle.result();
      expect(final.status).toBe('RETURNED');

      const events = await handle.query(eventsQuery);
      expect(events.map((r) => [r.event.type, new Date(r.event.at).toISOString(), 'alert' in r.event ? `${r.event.alert}/${r.event.scope}/${r.event.agency}` : ''])).toEqual([
        ['DossierRegistered', expect.any(String), ''],
        ['DossierSubmitted', expect.any(String), ''],
        ['DossierAccepted', '2026-03-02T02:20:00.000Z', ''],
        ['StageStarted', '2026-03-02T02:20:00.000Z', ''],
        ['DossierHandedOff', '2026-03-02T02:20:00.000Z', ''],
        ['AlertRaised', '2026-03-03T01:00:00.000Z', 'NEAR_DUE/STAGE/SO_A'],
        ['AlertRaised', '2026-03-04T01:00:00.000Z', 'NEAR_DUE/DOSSIER/null'],
        ['AlertRaised', '2026-03-04T10:00:00.000Z', 'OVERDUE/STAGE/SO_A'],
        ['StagePartCompleted', '2026-03-05T02:00:00.000Z', ''],
        ['StageStarted', '2026-03-05T02:00:00.000Z', ''],
        ['DossierHandedOff', '2026-03-05T02:00:00.000Z', ''],
        ['StagePartCompleted', '2026-03-05T03:00:00.000Z', ''],
        ['ResultReady', '2026-03-05T03:00:00.000Z', ''],
        ['DossierHandedOff', '2026-03-05T03:00:00.000Z', ''],
        ['ResultReturned', '2026-03-05T03:30:00.000Z', ''],
      ]);
      expect(events.map((r) => r.id)).toEqual(events.map((_, i) => `${code}:${i + 1}`));

      // Published in order, exactly once each, as CloudEvents keyed by the dossier code.
      const sent = publisher.sent.map(({ topic, message }) => ({ topic, key: message.key, ce: JSON.parse(message.value) }));
      expect(sent.map((s) => s.ce.id)).toEqual(events.map((r) => r.id));
      expect(new Set(sent.map((s) => s.topic))).toEqual(new Set(['dossier.events']));
      expect(sent.every((s) => s.key === code && s.ce.subject === code && s.ce.specversion === '1.0')).toBe(true);
      expect(sent[2].ce).toMatchObject({ type: 'vn.motcua.dossier.DossierAccepted', time: '2026-03-02T09:20:00+07:00' });
      expect(sent.map((s) => s.ce.data.sequence)).toEqual(events.map((_, i) => i + 1));
      // …and a consumer reads back exactly the events the workflow recorded.
      expect(sent.map((s) => fromCloudEvent(s.ce))).toEqual(events);

      // The refused commands left nothing in the history either (validators reject before recording).
      const history = await handle.fetchHistory();
      const updates = history.events!.filter((e) => e.workflowExecutionUpdateAcceptedEventAttributes).length;
      expect(updates).toBe(5);
    });
  });

  it('notifies the applicant once per occasion, even when the provider is down at first and the activity fails midway and is retried', async () => {
    const code = '000.00.00.H42-260316-0001';
    const contacts = new MemoryApplicantContacts();
    await contacts.keep({ dossierCode: code, name: 'Trần Thị Bình', idNumber: '079190001234', phone: '0912345678', address: null, pickupAddress: null, email: 'binh@example.com' });
    const notifications = new MemoryNotifications();
    const sms: OutgoingMessage[] = [];
    let smsDown = true;
    const real = createNotificationActivities({
      contacts,
      notifications,
      senders: {
        SMS: {
          name: 'test',
          send: async (m) => {
            if (smsDown) {
              smsDown = false;
              throw new Error('gateway answered 503');
            }
            sms.push(m);
            return { delivered: true, providerRef: `sms-${sms.length}` };
          },
        },
        EMAIL: new LocalSender(),
      },
    });
    // Every notice's first run dies after it has sent and recorded (a worker killed midway).
    const diedOnce = new Set<string>();
    const notifier: NotificationActivities = {
      notifyApplicant: async (notice) => {
        const outcome = await real.notifyApplicant(notice);
        if (!diedOnce.has(notice.eventId)) {
          diedOnce.add(notice.eventId);
          throw new Error('worker died after sending');
        }
        return outcome;
      },
    };
    await withWorker(async () => {
      const { handle, offset } = await startDossier(code, '2026-03-16T09:00:00+07:00', {}, 'ref-2');
      const at = async (iso: string) => {
        await env.sleep(Date.parse(iso) - ((await env.currentTimeMs()) + offset));
        return iso;
      };
      await handle.executeUpdate(commandUpdate('submit'), { args: [{ channel: 'COUNTER', by: officer, at: await at('2026-03-16T09:10:00+07:00') }] });
      await handle.executeUpdate(commandUpdate('accept'), { args: [{ by: officer, at: await at('2026-03-16T09:20:00+07:00') }] });
      await handle.executeUpdate(commandUpdate('complete'), { args: [{ agency: 'SO_A', by: agency('SO_A'), at: await at('2026-03-16T10:00:00+07:00') }] });
      await handle.executeUpdate(commandUpdate('complete'), { args: [{ agency: 'SO_B', by: agency('SO_B'), at: await at('2026-03-16T11:00:00+07:00') }] });
      await handle.executeUpdate(commandUpdate('return'), { args: [{ channel: 'COUNTER', by: officer, at: await at('2026-03-16T11:30:00+07:00') }] });
      // The workflow ends only once its notices are worked through.
      expect((await handle.result()).status).toBe('RETURNED');
    }, notifier);

    const records = await notifications.ofDossier(code);
    // Received (with its appointment), then the result early (Mon, before Thu's appointment): told once each, per channel.
    expect(records.map((r) => [r.kind, r.channel, r.to, r.status])).toEqual([
      ['RECEIPT', 'SMS', '091****678', 'SENT'],
      ['RECEIPT', 'EMAIL', 'b***@example.com', 'RECORDED'],
      ['EARLY_RETURN', 'SMS', '091****678', 'SENT'],
      ['EARLY_RETURN', 'EMAIL', 'b***@example.com', 'RECORDED'],
    ]);
    expect(records.every((r) => r.attempts >= 2)).toBe(true);
    // DossierAccepted is the 3rd event; ResultReady the 10th (after two stage starts and their handoffs).
    expect(sms.map((m) => m.idempotencyKey)).toEqual([`${code}:3:RECEIPT:SMS`, `${code}:10:EARLY_RETURN:SMS`]);
    expect(sms[0].text).toContain('17:00 ngày 19/03/2026');
  });

  it('with a rating window, stays open after the return for the applicant\'s rating, then closes (at the rating, or at the end of the window)', async () => {
    await withWorker(async (publisher) => {
      const run = async (code: string, rateIt: boolean) => {
        const { handle } = await startDossier(code, '2026-03-23T09:00:00+07:00', { ratingWindowMs: 7 * 86_400_000 });
        const at = (iso: string) => ({ by: officer, at: iso });
        await handle.executeUpdate(commandUpdate('submit'), { args: [{ channel: 'COUNTER', ...at('2026-03-23T09:00:00+07:00') }] });
        await handle.executeUpdate(commandUpdate('accept'), { args: [at('2026-03-23T09:10:00+07:00')] });
        await handle.executeUpdate(commandUpdate('complete'), { args: [{ agency: 'SO_A', by: agency('SO_A'), at: '2026-03-23T10:00:00+07:00' }] });
        await handle.executeUpdate(commandUpdate('complete'), { args: [{ agency: 'SO_B', by: agency('SO_B'), at: '2026-03-23T11:00:00+07:00' }] });
        await handle.executeUpdate(commandUpdate('return'), { args: [{ channel: 'COUNTER', ...at('2026-03-23T11:30:00+07:00') }] });
        expect((await handle.describe()).status.name).toBe('RUNNING');
        if (rateIt) {
          const rated = await handle.executeUpdate(commandUpdate('rate'), { args: [{ level: 'VERY_SATISFIED', ...at('2026-03-23T11:40:00+07:00') }] });
          expect(rated.rating).toEqual({ level: 'VERY_SATISFIED', at: '2026-03-23T11:40:00+07:00' });
        }
        const final = await handle.result(); // time skips through the window when nobody rates
        return { final, published: publisher.sent.filter((m) => m.message.key === code).map((m) => JSON.parse(m.message.value).type as string) };
      };
      const rated = await run('000.00.00.H42-260323-0001', true);
      expect(rated.final.rating?.level).toBe('VERY_SATISFIED');
      expect(rated.published.slice(-2)).toEqual(['vn.motcua.dossier.ResultReturned', 'vn.motcua.dossier.SatisfactionRated']);
      const unrated = await run('000.00.00.H42-260323-0002', false);
      expect(unrated.final).toMatchObject({ status: 'RETURNED', rating: null });
      expect(unrated.published.at(-1)).toBe('vn.motcua.dossier.ResultReturned');
    });
  });

  it('answers a query as of an instant with the alerts due by then', async () => {
    await withWorker(async () => {
      const { handle } = await startDossier('000.00.00.H42-260309-0001', '2026-03-09T09:00:00+07:00');
      await handle.executeUpdate(commandUpdate('submit'), { args: [{ channel: 'ONLINE', by: officer, at: '2026-03-09T09:00:00+07:00' }] });
      await handle.executeUpdate(commandUpdate('accept'), { args: [{ by: officer, at: '2026-03-09T09:10:00+07:00' }] });
      const view = await handle.query(stateQuery, { asOf: '2026-03-10T08:30:00+07:00' });
      expect(view.alerts).toEqual([{ type: 'NEAR_DUE', scope: 'STAGE', agency: 'SO_A', at: '2026-03-10T08:00:00+07:00' }]);
      await handle.terminate('test over');
    });
  });
});
