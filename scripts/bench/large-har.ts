/**
 * A large HAR file as Chrome saves one with contents ("Save all as HAR with content"): the busy
 * checkout page of classification-har.ts (images, scripts, styles, fonts, analytics, the merchant's
 * own XHRs, and a few Connect calls: the client SDK's Client API calls with their preflights, the
 * thirdpartystatus polls from WAITING to COMPLETED, and the merchant's create-payment answer),
 * with bodies: base64 for images and fonts, text for scripts, styles and pages, scaled so the file
 * reaches the size asked for. Seeded: the same options give the same file. Written piece by piece,
 * so making a 200 MB file never holds it in memory.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { busyPage, PAGE_URL, seededRandom, type SyntheticEntry } from './classification-har.ts';

export type LargeHarOptions = {
  /** The file's size in bytes, roughly (within a few per cent). */
  bytes: number;
  /** Thirdpartystatus polls among the Connect calls. */
  polls?: number;
  seed?: number;
};

/** About what an entry of the busy page weighs with its body, to choose how many there are. */
const BYTES_PER_ENTRY = 48_000;

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const SCRIPT = 'function f(a,b){return a&&b?{"k":a+"\\u00e9",v:[b,1.5e3,null]}:void 0}/* é → ✓ */\n';

/** A long run of body text to take slices from: base64, or a script with escapes and non-ASCII characters. */
function bodySource(unit: 'base64' | 'text', random: () => number): string {
  if (unit === 'text') return SCRIPT.repeat(Math.ceil(1_100_000 / SCRIPT.length));
  let text = '';
  for (let i = 0; i < 4096; i++) text += BASE64[Math.floor(random() * 64)];
  return text.repeat(1_100_000 / 4096 + 1);
}

function withBody(entry: SyntheticEntry, body: string, scale: number, sources: { base64: string; text: string }, random: () => number) {
  const { mimeType, size } = entry.response.content;
  if (body !== '') return { ...entry, response: { ...entry.response, content: { ...entry.response.content, text: body } } };
  if (size === 0 || entry.response.status === 0) return entry;
  const binary = /^(image|font)\//.test(mimeType) && mimeType !== 'image/svg+xml';
  const length = Math.min(1_000_000, Math.round(size * scale * (binary ? 4 / 3 : 1)));
  const source = binary ? sources.base64 : sources.text;
  const from = Math.floor(random() * (source.length - length));
  const text = source.slice(from, from + length);
  const content = { ...entry.response.content, size: Math.round(size * scale), text, ...(binary ? { encoding: 'base64' } : {}) };
  return { ...entry, response: { ...entry.response, content } };
}

/** An entry as Chrome indents it in the file, three levels in. */
const indent = (json: string) => `      ${json.replace(/\n/g, '\n      ')}`;

/** The pieces of the file's text, in order: the log's head, each entry (Chrome's two-space indentation), the tail. */
export function* largeHarPieces(options: LargeHarOptions): Generator<string> {
  const entries = Math.max(50, Math.round(options.bytes / BYTES_PER_ENTRY));
  const page = busyPage({ entries, polls: options.polls ?? 20, seed: options.seed ?? 11 });
  const random = seededRandom((options.seed ?? 11) + 1);
  const sources = { base64: bodySource('base64', random), text: bodySource('text', random) };
  // Scale every body so the file comes to the size asked for: the entries as written without their
  // bodies, and the bodies' bytes once escaped as JSON (a script's quotes, escapes and accents take more).
  const textBytesPerUnit = Buffer.byteLength(JSON.stringify(sources.text.slice(0, 65_536))) / 65_536;
  let fixed = 0;
  let scalable = 0;
  page.entries.forEach((entry, i) => {
    const body = page.bodies[i] ?? '';
    fixed += Buffer.byteLength(indent(JSON.stringify(withBody(entry, body, 0, sources, random), null, 2))) + 2;
    const { size, mimeType } = entry.response.content;
    if (body !== '' || size === 0 || entry.response.status === 0) return;
    scalable += /^(image|font)\//.test(mimeType) && mimeType !== 'image/svg+xml' ? size * (4 / 3) : size * textBytesPerUnit;
  });
  const scale = Math.max(0.01, (options.bytes - fixed) / scalable);
  const started = page.entries[0]?.startedDateTime ?? new Date().toISOString();
  const head = { version: '1.2', creator: { name: 'WebInspector', version: '537.36' }, pages: [{ startedDateTime: started, id: 'page_1', title: PAGE_URL, pageTimings: { onContentLoad: 812.4, onLoad: 1530.9 } }] };
  const headText = JSON.stringify(head, null, 2);
  yield `{\n  "log": ${headText.slice(0, -2).replace(/\n/g, '\n  ')},\n    "entries": [\n`;
  for (let i = 0; i < page.entries.length; i++) {
    const entry = withBody(page.entries[i]!, page.bodies[i] ?? '', scale, sources, random);
    yield `${i === 0 ? '' : ',\n'}${indent(JSON.stringify(entry, null, 2))}`;
  }
  yield '\n    ]\n  }\n}\n';
}

/** Writes the file; resolves to its size in bytes and its number of entries. */
export async function writeLargeHar(path: string, options: LargeHarOptions): Promise<{ bytes: number; entries: number }> {
  const out = createWriteStream(path);
  let bytes = 0;
  let entries = -2;
  for (const piece of largeHarPieces(options)) {
    bytes += Buffer.byteLength(piece);
    entries += 1;
    if (!out.write(piece)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return { bytes, entries };
}
