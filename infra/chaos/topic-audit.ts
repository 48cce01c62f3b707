import { KafkaTopicReader } from '@motcua/event-bus';

/** One record of dossier.events, as read back. */
export interface TopicRecord {
  partition: number;
  offset: string;
  value: string;
  id: string;
  code: string;
  sequence: number;
}

export interface TopicAudit {
  records: number;
  /** Copies beyond the first of an id. */
  duplicateEvents: number;
  /** Ids written twice or more, with their copies (the first few, for the report). */
  duplicated: { id: string; copies: number; offsets: string[] }[];
  /** Per dossier on the topic: the sequences missing between 1 and the highest one seen. */
  sequenceGaps: { code: string; sequence: number }[];
  /** Two different ids with the same dossier and sequence. */
  sequenceConflicts: number;
  /** Per partition, the records in offset order (for the fold into a fresh store). */
  partitions: Map<number, TopicRecord[]>;
  ids: Set<string>;
}

/** Reads the whole topic (every partition from its beginning to its end now) and parses each record's id, subject and sequence. */
export async function readWholeTopic(brokers: string[], topic: string, timeoutMs: number): Promise<Map<number, TopicRecord[]>> {
  const read = await new KafkaTopicReader({ brokers, clientId: 'motcua-chaos' }).readAll(topic, timeoutMs);
  return new Map(
    [...read].map(([partition, messages]) => [
      partition,
      messages.map((m) => {
        const e = JSON.parse(m.value) as { id: string; subject: string; data: { sequence: number } };
        return { partition, offset: m.offset, value: m.value, id: e.id, code: e.subject, sequence: e.data.sequence };
      }),
    ]),
  );
}

export function auditTopic(partitions: Map<number, TopicRecord[]>): TopicAudit {
  const copies = new Map<string, TopicRecord[]>();
  const bySequence = new Map<string, Map<number, Set<string>>>();
  let records = 0;
  for (const list of partitions.values()) {
    for (const r of list) {
      records++;
      copies.set(r.id, [...(copies.get(r.id) ?? []), r]);
      const seqs = bySequence.get(r.code) ?? new Map<number, Set<string>>();
      seqs.set(r.sequence, (seqs.get(r.sequence) ?? new Set()).add(r.id));
      bySequence.set(r.code, seqs);
    }
  }
  const duplicated = [...copies].filter(([, c]) => c.length > 1).map(([id, c]) => ({ id, copies: c.length, offsets: c.map((r) => `${r.partition}:${r.offset}`) }));
  const sequenceGaps: { code: string; sequence: number }[] = [];
  let sequenceConflicts = 0;
  for (const [code, seqs] of bySequence) {
    const max = Math.max(...seqs.keys());
    for (let s = 1; s <= max; s++) if (!seqs.has(s)) sequenceGaps.push({ code, sequence: s });
    for (const ids of seqs.values()) sequenceConflicts += ids.size - 1;
  }
  return {
    records,
    duplicateEvents: duplicated.reduce((n, d) => n + d.copies - 1, 0),
    duplicated: duplicated.slice(0, 20),
    sequenceGaps,
    sequenceConflicts,
    partitions,
    ids: new Set(copies.keys()),
  };
}
