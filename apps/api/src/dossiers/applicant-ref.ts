import { createHmac } from 'node:crypto';

/**
 * The pseudonymous applicant reference that the dossier (workflow input, events, Kafka) carries
 * instead of personal data: HMAC-SHA256 of the normalised identity number, keyed by a secret
 * (APPLICANT_REF_SECRET), truncated to 128 bits. The same person gets the same reference (for
 * reports and the later applicant store); without the key it cannot be reversed by trying every
 * 12-digit citizen id.
 */
export function applicantRef(idNumber: string, secret: string): string {
  const normalised = idNumber.replace(/\s+/g, '').toUpperCase();
  return 'ap1_' + createHmac('sha256', secret).update(normalised, 'utf8').digest('hex').slice(0, 32);
}
