import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { alwaysOpenCalendar } from '@motcua/calendar';
import { MemoryPublisher } from '@motcua/event-bus';
import { buildWorkflowBundle, createDossierWorker, installTemporalRuntime } from '@motcua/temporal';
import { commandUpdate, dossierWorkflow, eventsQuery } from './public-api';

/**
 * A deadline passing in real time on the real Temporal server: the durable timer fires, the alert
 * is recorded, and the dossier list (search attributes) shows it overdue in the holding agency's
 * queue, then out of every queue once returned. The always-open test calendar and a limit of
 * 0.002 working hours (7.2 s) keep it short (CONTRACTS.md, "Tests that need time to pass").
 */
const address = process.env.TEMPORAL_ADDRESS;
if (!address && process.env.MOTCUA_REQUIRE_INTEGRATION === '1') throw new Error('TEMPORAL_ADDRESS is required (npm test sets it)');

(address ? describe : describe.skip)('an overdue dossier in Temporal visibility', () => {
  let connection: Connection;
  let native: NativeConnection;

  beforeAll(async () => {
    installTemporalRuntime('test', 'ERROR');
    connection = await Connection.connect({ address });
    native = await NativeConnection.connect({ address });
  });
  afterAll(async () => {
    await connection?.close();
    await native?.close();
  });

  it('raises OVERDUE when the deadline passes and lists the dossier as overdue until it is returned', async () => {
    const client = new Client({ connection });
    const taskQueue = `visibility-${randomUUID()}`;
    const calendar = alwaysOpenCalendar();
    const unit = `V${Date.now().toString(36).toUpperCase()}`;
    const code = `${unit}-261124-0001`;
    const agency = `SO_${unit.replace(/\./g, '_')}`;
    const officer = { id: 'officer-1', role: 'ONE_STOP_OFFICER', agency: unit };
    const quick = { amount: 0.002, unit: 'WORKING_HOURS' as const };
    const worker = await createDossierWorker({
      connection: native,
      namespace: 'default',
      taskQueue,
      publisher: new MemoryPublisher(),
      workflowBundle: await buildWorkflowBundle(),
    });

    const listed = async (query: string) => {
      const codes: string[] = [];
      for await (const w of client.workflow.list({ query: `WorkflowId = '${code}' AND ${query}` })) codes.push(w.workflowId);
      return codes;
    };
    const eventually = async (query: string) => {
      for (let i = 0; i < 50; i++) {
        if ((await listed(query)).length === 1) return;
        await new Promise((r) => setTimeout(r, 200));
      }
      throw new Error(`not listed: ${query}`);
    };

    await worker.runUntil(async () => {
      const handle = await client.workflow.start(dossierWorkflow, {
        workflowId: code,
        taskQueue,
        args: [
          {
            registration: {
              code,
              unit,
              procedure: { code: 'T.QUICK', name: 'Thủ tục thử nhanh', version: '1', timeLimit: quick, route: [{ agency, allotted: quick }] },
              ruleSet: 'ND118-2025',
              calendar: { id: calendar.id, version: calendar.version },
              applicantRef: null,
              by: officer,
            },
          },
        ],
      });
      await handle.executeUpdate(commandUpdate('submit'), { args: [{ channel: 'ONLINE', by: officer }] });
      const accepted = await handle.executeUpdate(commandUpdate('accept'), { args: [{ by: officer }] });
      await eventually(`MotcuaStatus = 'IN_PROCESSING' AND MotcuaOverdue = false AND MotcuaAgencies = '${agency}'`);

      const due = Date.parse(accepted.appointment!);
      await new Promise((r) => setTimeout(r, Math.max(0, due - Date.now()) + 1500));
      const alerts = (await handle.query(eventsQuery)).filter((r) => r.event.type === 'AlertRaised').map((r) => r.event);
      expect(alerts.map((a) => ('alert' in a ? `${a.alert}/${a.scope}@${a.at === due}` : ''))).toEqual(
        expect.arrayContaining(['OVERDUE/DOSSIER@true', 'APOLOGY_MISSED/DOSSIER@true', 'OVERDUE/STAGE@true']),
      );
      await eventually(`MotcuaOverdue = true AND MotcuaAgencies = '${agency}'`);

      const ready = await handle.executeUpdate(commandUpdate('complete'), { args: [{ agency, by: { id: 'officer-2', role: 'AGENCY_OFFICER', agency } }] });
      expect(ready).toMatchObject({ status: 'RESULT_READY', outcome: 'LATE' });
      await handle.executeUpdate(commandUpdate('return'), { args: [{ channel: 'ONLINE', by: officer }] });
      expect((await handle.result()).status).toBe('RETURNED');
      await eventually(`MotcuaStatus = 'RETURNED' AND MotcuaOverdue = false`);
      expect(await listed(`MotcuaAgencies = '${agency}'`)).toEqual([]);
    });
  });
});
