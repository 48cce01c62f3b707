import { z } from 'zod';
import { ChannelSchema } from './statuses';
import { ONE_STOP_UNIT_ID_PATTERN } from './units';

/**
 * Where an address lies, as the Decision 20/2020 identifier of the one-stop unit whose area holds
 * it (e.g. 000.31.25.H26): structured, unlike the address, so the post's transit target (same
 * district / province / between provinces) can be told from it.
 */
export const AddressAreaSchema = z
  .string()
  .regex(ONE_STOP_UNIT_ID_PATTERN, 'a one-stop unit\'s Decision 20/2020 identifier: NNN.NN.NN.XNN')
  .describe('the Decision 20/2020 identifier of the one-stop unit whose area holds the address (for the post\'s transit targets)');

/** A receiving unit's electronic identifier (Decision 20/2020): up to 35 characters of 0-9 A-Z . */
export const UNIT_ID_PATTERN = /^[0-9A-Z.]{1,35}$/;

/**
 * POST /api/v1/dossiers (CONTRACTS.md). The applicant's personal data is checked here and then
 * used only to derive the pseudonymous applicantRef: it is not passed to the workflow or events.
 */
export const ApplicantSchema = z.object({
  name: z.string().trim().min(1).max(200),
  /** Citizen identity card (12 digits), or a passport / other document number. */
  idNumber: z.string().trim().regex(/^[0-9A-Za-z]{6,20}$/, '6–20 letters or digits'),
  phone: z.string().trim().regex(/^\+?[0-9][0-9 .\-]{6,18}[0-9]$/, 'a phone number: digits, optional leading +, spaces . -'),
  address: z.string().trim().min(1).max(500).optional(),
  addressArea: AddressAreaSchema.optional(),
  /** Where e-mail notifications go, besides SMS to `phone` (optional). */
  email: z.string().trim().max(254).pipe(z.email()).optional(),
});

export const CreateDossierBodySchema = z.object({
  procedureCode: z.string().min(1).max(64),
  channel: ChannelSchema,
  applicant: ApplicantSchema,
  /** The receiving one-stop unit (Decision 20/2020 identifier); default: the procedure's. */
  unit: z.string().regex(UNIT_ID_PATTERN, '1–35 characters of 0-9 A-Z .').optional(),
  /** POSTAL only: where the post collects the dossier; default: applicant.address. */
  pickupAddress: z.string().trim().min(1).max(500).optional(),
  /** POSTAL only: where pickupAddress lies (AddressAreaSchema). */
  pickupArea: AddressAreaSchema.optional(),
});
export type CreateDossierBody = z.infer<typeof CreateDossierBodySchema>;
