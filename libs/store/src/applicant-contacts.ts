import type { Kysely } from 'kysely';
import type { StoreSchema } from './schema';

export interface ApplicantContact {
  dossierCode: string;
  name: string;
  idNumber: string;
  phone: string;
  address: string | null;
  pickupAddress: string | null;
  /** Where `address` and `pickupAddress` lie (a one-stop unit's identifier), when given: for the post's transit targets. */
  addressArea?: string | null;
  pickupArea?: string | null;
  /** Optional: e-mail notifications go here besides SMS. */
  email?: string | null;
  createdAt: string;
}

/**
 * The applicant's name, identity number, phone and addresses, given at intake. Workflows, events
 * and Kafka keep only the pseudonymous applicantRef; these stay here, for the activities that need
 * them (a postal order's pickup address, the notifications' phone and e-mail) and the users allowed
 * to read them.
 */
export interface ApplicantContacts {
  /**
   * Idempotent by dossier code: a retried intake (the same code) keeps the first record, so a
   * retry can never overwrite what an earlier attempt stored under the code.
   */
  keep(contact: Omit<ApplicantContact, 'createdAt'>): Promise<void>;
  of(dossierCode: string): Promise<ApplicantContact | null>;
}

export class SqlApplicantContacts implements ApplicantContacts {
  constructor(private readonly db: Kysely<StoreSchema>) {}

  async keep(c: Omit<ApplicantContact, 'createdAt'>): Promise<void> {
    await this.db
      .insertInto('applicant_contacts')
      .values({
        dossier_code: c.dossierCode,
        name: c.name,
        id_number: c.idNumber,
        phone: c.phone,
        address: c.address,
        pickup_address: c.pickupAddress,
        address_area: c.addressArea ?? null,
        pickup_area: c.pickupArea ?? null,
        email: c.email ?? null,
      })
      .onConflict((o) => o.column('dossier_code').doNothing())
      .execute();
  }

  async of(dossierCode: string): Promise<ApplicantContact | null> {
    const r = await this.db.selectFrom('applicant_contacts').selectAll().where('dossier_code', '=', dossierCode).executeTakeFirst();
    if (!r) return null;
    return {
      dossierCode: r.dossier_code,
      name: r.name,
      idNumber: r.id_number,
      phone: r.phone,
      address: r.address,
      pickupAddress: r.pickup_address,
      addressArea: r.address_area,
      pickupArea: r.pickup_area,
      // Only when given: a contact without one reads as contacts did before e-mail was kept.
      ...(r.email ? { email: r.email } : {}),
      createdAt: new Date(r.created_at).toISOString(),
    };
  }
}
