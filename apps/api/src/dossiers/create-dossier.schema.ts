import { ChannelSchema } from '@motcua/contracts';
import { UNIT_ID_PATTERN } from '@motcua/dossier';
import { z } from 'zod';

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
});

export const CreateDossierBodySchema = z.object({
  procedureCode: z.string().min(1).max(64),
  channel: ChannelSchema,
  applicant: ApplicantSchema,
  /** The receiving one-stop unit (Decision 20/2020 identifier); default: the procedure's. */
  unit: z.string().regex(UNIT_ID_PATTERN, '1–35 characters of 0-9 A-Z .').optional(),
  /** POSTAL only: where the post collects the dossier; default: applicant.address. */
  pickupAddress: z.string().trim().min(1).max(500).optional(),
});
export type CreateDossierBody = z.infer<typeof CreateDossierBodySchema>;
