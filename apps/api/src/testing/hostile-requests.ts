import type { RawAnswer, RawRequest } from './raw-request';

/**
 * The malformed and hostile requests of the first-hour field report (D2, D9, D10) and of
 * authentication, each with the
 * one answer it must get. `{code}` in a path is an existing dossier's code. Run in process
 * (apps/api) and against the processes `npm start` runs (infra/local), where they once got 500s.
 */
export interface HostileRequest extends RawRequest {
  name: string;
  status: number;
  /** The error code of the answer (none for 204). */
  code?: string;
  /** The whole message, when the contract fixes it. */
  message?: string;
  /** The Allow header of a 405 or an OPTIONS answer. */
  allow?: string;
}

const JSON_TYPE: [string, string] = ['Content-Type', 'application/json'];
/** A valid access token of the one-stop officer of the catalog's default unit: see `withToken`. */
const OFFICER: [string, string][] = [['Authorization', 'Bearer {token}']];
const json = (headers: [string, string][] = []): [string, string][] => [JSON_TYPE, ...OFFICER, ...headers];
const create = (body: string, headers = json()): Pick<RawRequest, 'method' | 'path' | 'headers' | 'body'> => ({ method: 'POST', path: '/api/v1/dossiers', headers, body });
const VALID_CREATE = JSON.stringify({
  procedureCode: 'LLTP-CAP-PHIEU',
  channel: 'COUNTER',
  applicant: { name: 'Nguyễn Văn A', idNumber: '001099012345', phone: '0912345678' },
});
const NOT_JSON = 'the body is not valid JSON (a JSON object is expected)';

/** Fragments of the bodies below that must appear in no answer and no log. */
export const PERSONAL_FRAGMENTS = ['Hoàng Văn', '038201555666', 'Trần Thị Riêng'];

/** `{"alg":"none"}` with claims that would otherwise do: an unsigned token is never accepted. */
const UNSIGNED = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from('{"sub":"ops","roles":["OPERATIONS"],"aud":"motcua-api"}').toString('base64url')}.`;

/** The request with `{token}` replaced by a valid access token (each runner gets its own). */
export function withToken(req: HostileRequest, token: string): HostileRequest {
  return { ...req, headers: req.headers?.map(([k, v]) => [k, v.replace('{token}', token)] as [string, string]) };
}

const bigBody = (bytes: number) => `{"pad":"${'x'.repeat(bytes)}"}`;

export const HOSTILE_REQUESTS: HostileRequest[] = [
  // D2: what the body parser and the URL decoder refuse.
  { name: 'truncated JSON', ...create('{"procedureCode":'), status: 400, code: 'BAD_REQUEST', message: NOT_JSON },
  { name: 'a name in a truncated body', ...create('{"applicant":{"name":"Hoàng Văn '), status: 400, code: 'BAD_REQUEST', message: NOT_JSON },
  { name: 'a citizen id in a broken body', ...create('038201555666x'), status: 400, code: 'BAD_REQUEST', message: NOT_JSON },
  { name: 'top-level null', ...create('null'), status: 400, code: 'BAD_REQUEST', message: NOT_JSON },
  { name: 'top-level true', ...create('true'), status: 400, code: 'BAD_REQUEST', message: NOT_JSON },
  { name: 'top-level number', ...create('42'), status: 400, code: 'BAD_REQUEST', message: NOT_JSON },
  { name: 'top-level string', ...create('"Trần Thị Riêng"'), status: 400, code: 'BAD_REQUEST', message: NOT_JSON },
  { name: 'NaN literal', ...create('{"procedureCode":NaN}'), status: 400, code: 'BAD_REQUEST', message: NOT_JSON },
  { name: 'Infinity literal', ...create('{"procedureCode":Infinity}'), status: 400, code: 'BAD_REQUEST', message: NOT_JSON },
  { name: 'hexadecimal literal', ...create('{"procedureCode":0x10}'), status: 400, code: 'BAD_REQUEST', message: NOT_JSON },
  { name: 'whitespace-only body', ...create(' \n\t '), status: 400, code: 'BAD_REQUEST', message: NOT_JSON },
  { name: 'unquoted keys on an action', method: 'POST', path: '/api/v1/dossiers/{code}/complete', headers: json(), body: '{agency:SO_TU_PHAP}', status: 400, code: 'BAD_REQUEST', message: NOT_JSON },
  { name: 'charset utf-16', ...create('{}', [['Content-Type', 'application/json; charset=utf-16'], ...OFFICER]), status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' },
  { name: 'charset latin1', ...create(VALID_CREATE, [['Content-Type', 'application/json; charset=iso-8859-1'], ...OFFICER]), status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' },
  { name: 'a body over the limit (1.1 MB)', ...create(bigBody(1_100_000)), status: 413, code: 'PAYLOAD_TOO_LARGE' },
  { name: 'a chunked body over the limit (2 MB)', ...create(bigBody(2_000_000)), chunked: true, status: 413, code: 'PAYLOAD_TOO_LARGE' },
  { name: 'a malformed %-escape in the path', method: 'GET', path: '/api/v1/dossiers/%ZZ', headers: OFFICER, status: 400, code: 'BAD_REQUEST' },
  { name: 'a malformed %-escape in an action path', method: 'POST', path: '/api/v1/dossiers/%E0%A4%A/accept', headers: json(), body: '{}', status: 400, code: 'BAD_REQUEST' },

  // D9: only application/json.
  {
    name: 'an urlencoded form with qs brackets',
    ...create('procedureCode=LLTP-CAP-PHIEU&channel=COUNTER&applicant[name]=X&applicant[idNumber]=036090001234&applicant[phone]=0909123456', [
      ['Content-Type', 'application/x-www-form-urlencoded'],
      ...OFFICER,
    ]),
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
  },
  { name: 'text/plain on an action', method: 'POST', path: '/api/v1/dossiers/{code}/accept', headers: [['Content-Type', 'text/plain'], ...OFFICER], body: 'hello', status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' },
  { name: 'a repeated form field on an action', method: 'POST', path: '/api/v1/dossiers/{code}/requestIntakeSupplement', headers: [['Content-Type', 'application/x-www-form-urlencoded'], ...OFFICER], body: 'missing=a&missing=b', status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' },
  { name: 'multipart form data', ...create('--b\r\nContent-Disposition: form-data; name="procedureCode"\r\n\r\nLLTP-CAP-PHIEU\r\n--b--\r\n', [['Content-Type', 'multipart/form-data; boundary=b'], ...OFFICER]), status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' },
  { name: 'a JSON-looking body without a content type', ...create(VALID_CREATE, OFFICER), status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' },
  { name: 'a gzip-encoded body', ...create(VALID_CREATE, json([['Content-Encoding', 'gzip']])), status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' },

  // D10: who calls is the access token, and nothing else.
  { name: 'no token', ...create(VALID_CREATE, [JSON_TYPE]), status: 401, code: 'UNAUTHORIZED' },
  { name: 'the old actor headers instead of a token', ...create(VALID_CREATE, [JSON_TYPE, ['X-Actor-Id', 'officer-17'], ['X-Actor-Role', 'ONE_STOP_OFFICER']]), status: 401, code: 'UNAUTHORIZED' },
  { name: 'basic credentials', method: 'POST', path: '/api/v1/dossiers/{code}/accept', headers: [JSON_TYPE, ['Authorization', 'Basic b2ZmaWNlcjpwYXNz']], body: '{}', status: 401, code: 'UNAUTHORIZED' },
  { name: 'a token that is not a JWT', method: 'POST', path: '/api/v1/dossiers/{code}/accept', headers: [JSON_TYPE, ['Authorization', 'Bearer abc.def.ghi']], body: '{}', status: 401, code: 'UNAUTHORIZED' },
  { name: 'an unsigned token (alg none)', method: 'GET', path: '/api/v1/dossiers/{code}', headers: [['Authorization', `Bearer ${UNSIGNED}`]], status: 401, code: 'UNAUTHORIZED' },
  { name: 'two Authorization headers', method: 'GET', path: '/api/v1/dossiers/{code}', headers: [['Authorization', 'Bearer {token}'], ['Authorization', 'Bearer {token}']], status: 401, code: 'UNAUTHORIZED' },

  // D10: methods, OPTIONS, CORS, case.
  { name: 'PUT on the dossiers', method: 'PUT', path: '/api/v1/dossiers', headers: json(), body: '{}', status: 405, code: 'METHOD_NOT_ALLOWED', allow: 'GET, HEAD, POST, OPTIONS' },
  { name: 'DELETE on a dossier', method: 'DELETE', path: '/api/v1/dossiers/{code}', headers: OFFICER, status: 405, code: 'METHOD_NOT_ALLOWED', allow: 'GET, HEAD, OPTIONS' },
  { name: 'GET on an action', method: 'GET', path: '/api/v1/dossiers/{code}/accept', headers: OFFICER, status: 405, code: 'METHOD_NOT_ALLOWED', allow: 'POST, OPTIONS' },
  { name: 'PATCH on /health', method: 'PATCH', path: '/health', headers: json(), body: '{}', status: 405, code: 'METHOD_NOT_ALLOWED', allow: 'GET, HEAD, OPTIONS' },
  { name: 'OPTIONS on the dossiers (a CORS preflight)', method: 'OPTIONS', path: '/api/v1/dossiers', headers: [['Origin', 'https://evil.example'], ['Access-Control-Request-Method', 'POST']], status: 204, allow: 'GET, HEAD, POST, OPTIONS' },
  { name: 'an upper-case path', method: 'GET', path: '/API/V1/PROCEDURES', status: 404, code: 'NOT_FOUND' },
];

/**
 * How an answer differs from what the request must get: the status, the error shape
 * `{"error": {"code", "rule", "message"}}` and nothing else, the code, the message, Allow, no
 * CORS header, no fragment of a body. Empty when it is right.
 */
export function answerProblems(req: HostileRequest, answer: RawAnswer): string[] {
  const problems: string[] = [];
  if (answer.status !== req.status) problems.push(`status ${answer.status}, expected ${req.status}`);
  if (req.allow !== undefined && answer.headers.allow !== req.allow) problems.push(`Allow "${answer.headers.allow}", expected "${req.allow}"`);
  const cors = Object.keys(answer.headers).filter((h) => h.startsWith('access-control-'));
  if (cors.length) problems.push(`CORS headers ${cors.join(', ')}`);
  for (const fragment of PERSONAL_FRAGMENTS) if (answer.body.includes(fragment)) problems.push(`the answer repeats "${fragment}"`);
  if (req.code === undefined) {
    if (answer.body !== '') problems.push(`a body: ${answer.body.slice(0, 200)}`);
    return problems;
  }
  let body: unknown;
  try {
    body = JSON.parse(answer.body);
  } catch {
    return [...problems, `not JSON: ${answer.body.slice(0, 200)}`];
  }
  const error = (body as { error?: Record<string, unknown> }).error;
  const shapeOk =
    Object.keys(body as object).join() === 'error' &&
    error !== undefined &&
    Object.keys(error).sort().join() === 'code,message,rule' &&
    typeof error.message === 'string' &&
    error.message !== '' &&
    (error.rule === null || typeof error.rule === 'string');
  if (!shapeOk) return [...problems, `not the error shape: ${answer.body.slice(0, 200)}`];
  if (error.code !== req.code) problems.push(`code ${String(error.code)}, expected ${req.code}`);
  if (req.message !== undefined && error.message !== req.message) problems.push(`message "${String(error.message)}", expected "${req.message}"`);
  return problems;
}
