import * as fs from 'node:fs';
import * as path from 'node:path';
import { z } from 'zod';
import { ScenarioSchema, type Scenario } from '@motcua/contracts';

export type Loaded = { file: string; scenario: Scenario } | { file: string; id: string; error: string };

/** Every `.json` file of the given files and folders (folders recursively, in name order). */
export function scenarioFiles(inputs: readonly string[]): string[] {
  const files: string[] = [];
  const visit = (p: string) => {
    const stat = fs.statSync(p);
    if (stat.isDirectory()) {
      for (const name of fs.readdirSync(p).sort()) visit(path.join(p, name));
    } else if (p.endsWith('.json') || inputs.includes(p)) {
      files.push(p);
    }
  };
  for (const input of inputs) visit(input);
  return files;
}

export function loadScenario(file: string): Loaded {
  const fallbackId = path.basename(file, '.json');
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    return { file, id: fallbackId, error: `not readable JSON: ${(e as Error).message}` };
  }
  const parsed = ScenarioSchema.safeParse(raw);
  const id = typeof (raw as { id?: unknown })?.id === 'string' ? (raw as { id: string }).id : fallbackId;
  if (!parsed.success) return { file, id, error: z.prettifyError(parsed.error) };
  return { file, scenario: parsed.data };
}
