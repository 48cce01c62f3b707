/** An error answer of the API: `{"error": {code, rule, message}}` with its HTTP status. */
export interface ApiRefusal {
  status: number;
  code: string;
  rule: string | null;
  message: string;
}

export class ApiFailure extends Error {
  constructor(readonly refusal: ApiRefusal) {
    super(refusal.message);
  }
}

/** The refusal of a non-2xx answer, whatever its body (a proxy's HTML page included). */
export async function refusalOf(res: Response): Promise<ApiRefusal> {
  const body = (await res.json().catch(() => null)) as { error?: { code?: string; rule?: string | null; message?: string } } | null;
  return { status: res.status, code: body?.error?.code ?? String(res.status), rule: body?.error?.rule ?? null, message: body?.error?.message ?? res.statusText };
}

/** GET an API path with the token; throws ApiFailure on an error answer. */
export async function getJson<T>(path: string, token: string): Promise<T> {
  const res = await fetch(path, { headers: { authorization: `Bearer ${token}` } });
  if (!res.ok) throw new ApiFailure(await refusalOf(res));
  return (await res.json()) as T;
}
