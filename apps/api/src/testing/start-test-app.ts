import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { AppModule, type AppFakes } from '../app.module';
import { createApiApp } from '../app-setup';
import type { Principal } from '../auth/principal';
import { people, TestTokens } from './test-tokens';

// Response bodies are whatever JSON the API answered; tests read them freely.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

export interface TestApp {
  app: INestApplication;
  url: string;
  tokens: TestTokens;
  /**
   * fetch against the app, JSON in and out, with a bearer token of `as` (default: the app's
   * caller), unless the headers carry their own Authorization or `as` is null (no token).
   */
  call(method: string, path: string, body?: unknown, headers?: Record<string, string>, as?: Principal | null): Promise<{ status: number; body: Json; headers: Headers }>;
  close(): Promise<void>;
}

/**
 * The real AppModule with fakes for the servers, over HTTP on a random local port; tokens signed
 * by a test key the app trusts. `caller`: who calls when a test does not say (default: the
 * one-stop officer of the catalog's default unit).
 */
export async function startTestApp(
  fakes: Omit<AppFakes, 'verifier'>,
  options: { requestLog?: boolean; caller?: Principal } = {},
): Promise<TestApp> {
  const tokens = await TestTokens.create();
  const caller = options.caller ?? people.oneStop();
  const app = await createApiApp(AppModule.forTest({ ...fakes, verifier: tokens.verifier }), { logger: false, requestLog: options.requestLog ?? false });
  await app.listen(0, '127.0.0.1');
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  return {
    app,
    url,
    tokens,
    async call(method, path, body, headers = {}, as) {
      const who = as === undefined ? caller : as;
      const hasOwn = Object.keys(headers).some((h) => h.toLowerCase() === 'authorization');
      const auth = who && !hasOwn ? { authorization: `Bearer ${await tokens.tokenFor(who)}` } : {};
      const res = await fetch(url + path, {
        method,
        headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...auth, ...headers },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      });
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text);
      } catch {
        /* not JSON: keep the text */
      }
      return { status: res.status, body: parsed, headers: res.headers };
    },
    close: () => app.close(),
  };
}
