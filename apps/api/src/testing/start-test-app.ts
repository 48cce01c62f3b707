import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { AppModule, type AppFakes } from '../app.module';
import { createApiApp } from '../app-setup';

// Response bodies are whatever JSON the API answered; tests read them freely.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

export interface TestApp {
  app: INestApplication;
  url: string;
  /** fetch against the app, JSON in and out. */
  call(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; body: Json; headers: Headers }>;
  close(): Promise<void>;
}

/** The real AppModule with fakes for the servers, over HTTP on a random local port. */
export async function startTestApp(fakes: AppFakes, options: { requestLog?: boolean } = {}): Promise<TestApp> {
  const app = await createApiApp(AppModule.forTest(fakes), { logger: false, requestLog: options.requestLog ?? false });
  await app.listen(0, '127.0.0.1');
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  return {
    app,
    url,
    async call(method, path, body, headers = {}) {
      const res = await fetch(url + path, {
        method,
        headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
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
