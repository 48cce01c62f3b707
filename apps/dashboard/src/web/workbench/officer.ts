/**
 * Who is logged in, as the access token says (role, agency, name): what the page offers first.
 * Only a convenience: the API checks the same token on every call and refuses what it may not do.
 */
export interface Officer {
  id: string;
  name: string;
  roles: string[];
  /** The unit (one-stop officers) or the agency (officers, heads); null for roles bound to none. */
  agency: string | null;
}

export const ROLE_TEXT: Record<string, string> = {
  ONE_STOP_OFFICER: 'Cán bộ một cửa',
  AGENCY_OFFICER: 'Cán bộ chuyên môn',
  AGENCY_HEAD: 'Lãnh đạo cơ quan',
  OPERATIONS: 'Điều hành',
  AUDITOR: 'Kiểm tra',
  ADMIN: 'Quản trị',
  PORTAL: 'Cổng dịch vụ công',
};

/** The JWT's claims (base64url JSON, not verified here: the API verifies it). */
export function officerOf(accessToken: string): Officer {
  const payload = accessToken.split('.')[1] ?? '';
  const json = decodeURIComponent(
    [...atob(payload.replace(/-/g, '+').replace(/_/g, '/'))].map((c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`).join(''),
  );
  const claims = JSON.parse(json) as { sub?: string; name?: string; roles?: string[]; agency?: string };
  return { id: claims.sub ?? '', name: claims.name ?? claims.sub ?? '', roles: claims.roles ?? [], agency: claims.agency ?? null };
}

export const isOneStop = (o: Officer): boolean => o.roles.includes('ONE_STOP_OFFICER');
export const isAgency = (o: Officer): boolean => o.roles.includes('AGENCY_OFFICER') || o.roles.includes('AGENCY_HEAD');
