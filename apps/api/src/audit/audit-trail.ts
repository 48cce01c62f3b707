import type { AuditLog } from '@motcua/store';
import type { Principal } from '../auth/principal';
import { logLine } from '../logging/json-logger';

interface Req {
  method: string;
  path: string;
  principal?: Principal;
  requestId?: string;
  /** Set by a handler whose dossier is not in the path (the postal webhook's is in the body). */
  auditTarget?: string;
}
interface Res {
  statusCode: number;
  getHeader(name: string): unknown;
  on(event: 'finish', listener: () => void): unknown;
}

/** What the audit trail records: every command, and every read of personal data. */
const AUDITED: readonly { method: string; pattern: RegExp; action: string; personalData: boolean }[] = [
  { method: 'POST', pattern: /^\/api\/v1\/dossiers$/, action: 'POST /api/v1/dossiers', personalData: true },
  { method: 'POST', pattern: /^\/api\/v1\/dossiers\/([^/]+)\/([A-Za-z]+)$/, action: 'POST /api/v1/dossiers/{code}/{action}', personalData: false },
  { method: 'GET', pattern: /^\/api\/v1\/dossiers\/([^/]+)\/notes$/, action: 'GET /api/v1/dossiers/{code}/notes', personalData: true },
  { method: 'GET', pattern: /^\/api\/v1\/dossiers\/([^/]+)\/applicant$/, action: 'GET /api/v1/dossiers/{code}/applicant', personalData: true },
  // The forms print the applicant's name from the applicant store.
  { method: 'GET', pattern: /^\/api\/v1\/dossiers\/([^/]+)\/forms\/[^/]+$/, action: 'GET /api/v1/dossiers/{code}/forms/{form}', personalData: true },
  // Masked addresses, but what a person was told: a personal-data read all the same.
  { method: 'GET', pattern: /^\/api\/v1\/dossiers\/([^/]+)\/notifications$/, action: 'GET /api/v1/dossiers/{code}/notifications', personalData: true },
  { method: 'GET', pattern: /^\/api\/v1\/audit$/, action: 'GET /api/v1/audit', personalData: true },
  { method: 'POST', pattern: /^\/api\/v1\/postal\/events$/, action: 'POST /api/v1/postal/events', personalData: false },
];

/**
 * Appends one audit entry when an audited request has been answered, whatever the answer (a
 * refusal is audited too): who (the token's subject, roles and agency), what, about which
 * dossier, the status and the request id. Never the body. A failure to append is logged as an
 * error for operations to see; the answer has already gone.
 */
export function auditTrail(audit: AuditLog) {
  return (req: Req, res: Res, next: () => void): void => {
    const rule = AUDITED.find((r) => r.method === req.method && r.pattern.test(req.path));
    if (!rule) return next();
    res.on('finish', () => {
      const m = rule.pattern.exec(req.path)!;
      const location = res.getHeader('Location');
      const target = m[1]
        ? safeDecode(m[1])
        : typeof location === 'string'
          ? safeDecode(location.split('/').pop() ?? '')
          : req.auditTarget !== undefined
            ? safeDecode(encodeURIComponent(req.auditTarget))
            : null;
      const action = m[2] ? rule.action.replace('{action}', m[2]) : rule.action;
      audit
        .append({
          requestId: req.requestId ?? 'none',
          // The postal partner has no token: its requests are signed, and audited as anonymous.
          actorId: req.principal?.sub ?? 'anonymous',
          role: req.principal ? req.principal.roles.join(',') || null : null,
          agency: req.principal?.agency ?? null,
          action,
          target,
          outcome: res.statusCode,
          personalData: rule.personalData,
        })
        .catch((e) => logLine('error', 'audit entry not recorded', { requestId: req.requestId, action, error: e instanceof Error ? e.message : String(e) }));
    });
    next();
  };
}

/** A dossier code as the audit's target; anything else in that place is not a dossier (null). */
function safeDecode(s: string): string | null {
  try {
    const decoded = decodeURIComponent(s);
    return /^[0-9A-Z.]{1,35}-\d{6}-\d{4}$/.test(decoded) ? decoded : null;
  } catch {
    return null;
  }
}
