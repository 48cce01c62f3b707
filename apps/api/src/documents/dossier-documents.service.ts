import { Inject, Injectable } from '@nestjs/common';
import type { ControlSheet } from '@motcua/contracts';
import { controlSheet, parseDossierCode } from '@motcua/dossier';
import { controlSheetForm, dossierForm, isFormNumber, type FormContext } from '@motcua/forms';
import type { ApplicantContacts } from '@motcua/store';
import { ActorResolver } from '../actor/actor-resolver';
import type { Principal } from '../auth/principal';
import { API_CONFIG, type ApiConfig } from '../config/api-config';
import { Clock } from '../dossiers/clock';
import { DossierGateway } from '../dossiers/dossier-gateway';
import { ApiError, notFound, ruleViolation } from '../errors/api-error';
import { ProcedureCatalog } from '../procedures/procedure-catalog';
import { APPLICANT_CONTACTS } from '../store/store.tokens';
import { FORM_PRINTER, type FormPrinter } from './form-printer';

/** A printed form: the PDF and the name it is offered under. */
export interface PrintedPdf {
  readonly pdf: Buffer;
  readonly filename: string;
}

/**
 * The dossier's documents: the control sheet (Form 05) as JSON or PDF, and Forms 01–04 as PDF,
 * each made from the dossier's events (and, for the applicant's name, the applicant store). Read
 * like the dossier itself: its unit, the agencies of its route, operations and auditors.
 */
@Injectable()
export class DossierDocumentsService {
  constructor(
    @Inject(DossierGateway) private readonly gateway: DossierGateway,
    @Inject(ActorResolver) private readonly actors: ActorResolver,
    @Inject(ProcedureCatalog) private readonly catalog: ProcedureCatalog,
    @Inject(APPLICANT_CONTACTS) private readonly contacts: ApplicantContacts,
    @Inject(FORM_PRINTER) private readonly printer: FormPrinter,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  /** GET /api/v1/dossiers/{code}/control-sheet. */
  async controlSheet(code: string, caller: Principal): Promise<ControlSheet> {
    const { events } = await this.readable(code, caller);
    return controlSheet(code, events);
  }

  /** GET /api/v1/dossiers/{code}/control-sheet?format=pdf. */
  async controlSheetPdf(code: string, caller: Principal): Promise<PrintedPdf> {
    const { view, events } = await this.readable(code, caller);
    const form = controlSheetForm(controlSheet(code, events), { unit: view.unit, names: this.names(view.procedure) }, this.clock.now());
    return { pdf: await this.printer.print(form), filename: `${code}-mau-05.pdf` };
  }

  /** GET /api/v1/dossiers/{code}/forms/{01|02|03|04}: reads the applicant's name (personal data, audited). */
  async form(code: string, n: string, caller: Principal): Promise<PrintedPdf> {
    if (!isFormNumber(n)) throw new ApiError(404, 'NOT_FOUND', 'FORMS.UNKNOWN_FORM', `no form "${n.slice(0, 8)}": the dossier's forms are 01, 02, 03 and 04 (05 is the control sheet)`);
    const { view, events } = await this.readable(code, caller);
    const ctx: FormContext = {
      code,
      unit: view.unit,
      procedureName: view.procedure.name,
      events,
      applicantName: (await this.contacts.of(code))?.name ?? null,
      lookupUrl: `${this.config.publicUrl}/api/v1/lookup/${encodeURIComponent(code)}`,
      names: this.names(view.procedure),
    };
    const made = dossierForm(n, ctx);
    if ('notApplicable' in made) throw ruleViolation('FORMS.NOT_APPLICABLE', made.notApplicable);
    return { pdf: await this.printer.print(made.form), filename: `${code}-mau-${n}.pdf` };
  }

  private async readable(code: string, caller: Principal) {
    if (!parseDossierCode(code)) throw notFound(`dossier ${JSON.stringify(code.slice(0, 80))} not found`);
    const { view, events } = await this.gateway.read(code);
    this.actors.requireReader(caller, view);
    return { view, events: events.filter((r) => r.sequence <= view.sequence).map((r) => r.event) };
  }

  /** Names from the registries (units, agencies) and the procedure version's documents; the code itself when unknown. */
  private names(procedure: { code: string; version: string }): FormContext['names'] {
    const documents = this.catalog.find(procedure.code, procedure.version)?.documents ?? [];
    return {
      party: (c) => this.catalog.units.find(c)?.name ?? this.catalog.agencies.find(c)?.name ?? c,
      document: (c) => documents.find((d) => d.code === c)?.name ?? c,
    };
  }
}
