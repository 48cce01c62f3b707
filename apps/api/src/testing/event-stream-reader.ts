/** Test helper: an event stream (Server-Sent Events) read as it comes. */
export interface SseEvent {
  event: string;
  id?: string;
  data: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** An open stream: its events as they come, parsed. */
export async function openStream(url: string, headers: Record<string, string> = {}) {
  const controller = new AbortController();
  const res = await fetch(url, { headers, signal: controller.signal });
  const events: SseEvent[] = [];
  const waiters: (() => void)[] = [];
  if (res.ok && res.body) {
    void (async () => {
      const decoder = new TextDecoder();
      let buffer = '';
      try {
        for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
          buffer += decoder.decode(chunk, { stream: true });
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const fields = Object.fromEntries(block.split('\n').map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 2)]));
            if (fields.event) events.push({ event: fields.event, id: fields.id, data: JSON.parse(fields.data) });
            waiters.splice(0).forEach((w) => w());
          }
        }
      } catch {
        /* aborted */
      }
    })();
  }
  const next = async (event: string, after = 0): Promise<SseEvent> => {
    const deadline = Date.now() + 5000;
    for (;;) {
      const found = events.slice(after).find((e) => e.event === event);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no ${event} event within 5 s; got ${JSON.stringify(events)}`);
      await new Promise<void>((r) => (waiters.push(r), setTimeout(r, 200)));
    }
  };
  return { res, events, next, close: () => controller.abort() };
}
