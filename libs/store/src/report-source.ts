import type { Kysely } from 'kysely';
import type { Outcome, Period, ReportDossier, ReportSource } from '@motcua/reports';
import type { StoreSchema } from './schema';

const ms = (d: Date | null): number | null => (d === null ? null : d.getTime());
const CHUNK = 500;

/**
 * The reports' rows from the read model (migrations 0005 and 0010): every dossier registered
 * before the period's end that had not ended before its start (or had events in it), with its
 * appointments, supplement requests, apologies (made and missed) and route parts. Only the events' own times are
 * read, never when the projector folded them.
 */
export class SqlReportSource implements ReportSource {
  constructor(private readonly db: Kysely<StoreSchema>) {}

  async dossiersFor(period: Period): Promise<ReportDossier[]> {
    const start = new Date(period.start);
    const end = new Date(period.end);
    const rows = await this.db
      .selectFrom('rm_dossiers')
      .selectAll()
      .where('registered_at', '<', end)
      .where((eb) =>
        eb.or([
          eb.and([eb('finished_at', 'is', null), eb('withdrawn_at', 'is', null), eb('stopped_at', 'is', null), eb('intake_refused_at', 'is', null)]),
          // Ended, but something of it may fall in the period (its end, an apology, a request).
          eb('last_event_at', '>=', start),
        ]),
      )
      .orderBy('code')
      .execute();
    const byCode = new Map<string, { appointments: ReportDossier['appointments'][number][]; requests: ReportDossier['supplementRequests'][number][]; apologies: number[]; missed: number[]; parts: ReportDossier['parts'][number][] }>();
    for (const r of rows) byCode.set(r.code, { appointments: [], requests: [], apologies: [], missed: [], parts: [] });
    const codes = rows.map((r) => r.code);
    for (let i = 0; i < codes.length; i += CHUNK) {
      const some = codes.slice(i, i + CHUNK);
      for (const a of await this.db.selectFrom('rm_appointments').selectAll().where('code', 'in', some).orderBy('code').orderBy('sequence').execute()) {
        byCode.get(a.code)!.appointments.push({ from: a.from_at.getTime(), at: a.appointment.getTime() });
      }
      for (const s of await this.db.selectFrom('rm_supplement_requests').select(['code', 'kind', 'at', 'received_at']).where('code', 'in', some).orderBy('code').orderBy('sequence').execute()) {
        byCode.get(s.code)!.requests.push({ kind: s.kind, at: s.at.getTime(), answeredAt: ms(s.received_at) });
      }
      for (const a of await this.db.selectFrom('rm_apologies').select(['code', 'at']).where('code', 'in', some).orderBy('code').orderBy('sequence').execute()) {
        byCode.get(a.code)!.apologies.push(a.at.getTime());
      }
      for (const a of await this.db.selectFrom('rm_alerts').select(['code', 'at']).where('code', 'in', some).where('type', '=', 'APOLOGY_MISSED').where('scope', '=', 'DOSSIER').orderBy('code').orderBy('sequence').execute()) {
        byCode.get(a.code)!.missed.push(a.at.getTime());
      }
      for (const m of await this.db.selectFrom('rm_stage_members').select(['code', 'agency', 'finished_at', 'outcome']).where('code', 'in', some).orderBy('code').orderBy('member').execute()) {
        byCode.get(m.code)!.parts.push({ agency: m.agency, finishedAt: ms(m.finished_at), outcome: m.outcome as Outcome | null });
      }
    }
    return rows.map((r) => {
      const more = byCode.get(r.code)!;
      return {
        code: r.code,
        procedureCode: r.procedure_code,
        procedureName: r.procedure_name,
        field: r.field,
        leadAgency: r.lead_agency,
        channel: r.channel,
        clockStartedAt: ms(r.clock_started_at),
        finishedAt: ms(r.finished_at),
        outcome: r.outcome as Outcome | null,
        processingMs: r.processing_ms === null ? null : Number(r.processing_ms),
        withdrawnAt: ms(r.withdrawn_at),
        stoppedAt: ms(r.stopped_at),
        intakeRefusedAt: ms(r.intake_refused_at),
        appointments: more.appointments,
        supplementRequests: more.requests,
        apologies: more.apologies,
        apologiesMissed: more.missed,
        parts: more.parts,
      };
    });
  }
}
