import { readFileSync } from 'node:fs';
import { parseHarEntry, type HarEntry } from '../../../../src/core/detect/har-entry.ts';

/** A captured-like HAR entry from test/fixtures/har, checked against the schema on the way in. */
export function harFixture(name: string): HarEntry {
  const raw: unknown = JSON.parse(readFileSync(new URL(`../../../fixtures/har/${name}.json`, import.meta.url), 'utf8'));
  const entry = parseHarEntry(raw);
  if (!entry.ok) throw new Error(`${name}: ${entry.reason}`);
  return entry.value;
}
