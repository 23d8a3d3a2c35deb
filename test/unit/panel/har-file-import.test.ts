import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importHar } from '../../../src/core/timeline/import-har.ts';
import { MAX_STREAMED_HAR_BYTES, runHarImport, streamHarFile, WORKER_FROM_BYTES, type ImportProgress, type ReadWhere, type WorkerMessage } from '../../../src/panel/state/har-file-import.ts';

const harText = readFileSync(new URL('../../fixtures/timeline/checkout-bancontact.har', import.meta.url), 'utf8');
const har = JSON.parse(harText) as { log: { entries: unknown[] } };

/** The checkout HAR with one more entry: an image of `bodyBytes` (accents and an emoji, so characters of two to four bytes) from a CDN. */
function largeHar(bodyBytes: number): string {
  const image = {
    startedDateTime: '2025-01-15T09:00:01.000Z',
    time: 12,
    request: { method: 'GET', url: 'https://cdn.example/pic.png', headers: [{ name: 'accept', value: 'image/*' }] },
    response: { status: 200, headers: [], content: { size: bodyBytes, mimeType: 'image/png', text: 'é😀a'.repeat(Math.ceil(bodyBytes / 7)) } },
  };
  return JSON.stringify({ log: { ...har.log, entries: [...har.log.entries.slice(0, 5), image, ...har.log.entries.slice(5)] } }, null, 2);
}

/** A file in several parts, so its stream cuts characters of several bytes in two. */
const fileOf = (text: string, name = 'checkout.har') => {
  const bytes = new TextEncoder().encode(text);
  const parts = [bytes.subarray(0, 1001), bytes.subarray(1001, 70_001), bytes.subarray(70_001)];
  return new File(parts, name);
};

describe('streamHarFile', () => {
  it('gives what importHar gives for the text, telling its progress up to the whole file', async () => {
    const text = largeHar(300_000);
    const progress: ImportProgress[] = [];
    const result = await streamHarFile(fileOf(text), { onProgress: (p) => progress.push(p), progressEveryMs: 0 });
    expect(result).toEqual(importHar(text));
    const total = new TextEncoder().encode(text).byteLength;
    expect(progress.at(-1)).toEqual({ loaded: total, total });
    expect(progress.every((p, i) => i === 0 || p.loaded >= progress[i - 1]!.loaded)).toBe(true);
  });

  it('gives the page a turn between slices on the main thread', async () => {
    let finished = false;
    let ranBetween = false;
    setTimeout(() => (ranBetween = !finished), 0);
    let clock = 0;
    const result = await streamHarFile(fileOf(largeHar(300_000)), { pauseEveryMs: 8, now: () => (clock += 5) });
    finished = true;
    expect(result !== 'cancelled' && result.ok).toBe(true);
    expect(ranBetween).toBe(true);
  });

  it('stops when cancelled', async () => {
    const controller = new AbortController();
    const pending = streamHarFile(fileOf(largeHar(300_000)), { pauseEveryMs: 0, signal: controller.signal });
    controller.abort();
    expect(await pending).toBe('cancelled');
  });

  it('refuses a file that is not JSON, saying where', async () => {
    const result = await streamHarFile(fileOf('{"log":{"entries":[\n  {"a":1},\n  nope]}}'));
    expect(result).toEqual({ ok: false, reason: 'The file is not JSON, so it is not a HAR file. At line 3, column 4 (character 35): "o" where "null" should be.' });
  });

  it('refuses a file past 1 GB before reading it', async () => {
    const huge = { size: MAX_STREAMED_HAR_BYTES + 1, stream: () => { throw new Error('read'); } } as unknown as Blob;
    expect(await streamHarFile(huge)).toEqual({ ok: false, reason: 'The HAR file is too large to import (1024 MB; the limit is 1024 MB).' });
  });
});

/** A worker that runs the import in this thread, as the real one does in its own; or one whose script never loads. */
class FakeWorker {
  onmessage: ((event: MessageEvent<WorkerMessage>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  terminated = false;
  constructor(private readonly loads: boolean) {}
  postMessage({ file }: { file: Blob }) {
    if (!this.loads) {
      setTimeout(() => this.onerror?.({ message: '', preventDefault: () => {} } as ErrorEvent), 0);
      return;
    }
    const post = (data: WorkerMessage) => !this.terminated && this.onmessage?.({ data } as MessageEvent<WorkerMessage>);
    void streamHarFile(file, { onProgress: (p) => post({ kind: 'progress', ...p }), progressEveryMs: 0 }).then((result) => post({ kind: 'done', result }));
  }
  terminate() {
    this.terminated = true;
  }
}

describe('runHarImport', () => {
  const text = largeHar(WORKER_FROM_BYTES);
  const expected = importHar(text);

  it('reads a large file in the worker, relaying its progress', async () => {
    const worker = new FakeWorker(true);
    const told: ReadWhere[] = [];
    const run = runHarImport(fileOf(text), { createWorker: () => worker as unknown as Worker, onProgress: (_p, where) => told.push(where) });
    expect(run.where).toBe('worker');
    expect(await run.done).toEqual(expected);
    expect(told.length).toBeGreaterThan(1);
    expect(new Set(told)).toEqual(new Set(['worker']));
    expect(worker.terminated).toBe(true);
  });

  it.each([
    ['no worker can start', () => { throw new Error('Worker is not defined'); }],
    ['the worker script does not load', () => new FakeWorker(false) as unknown as Worker],
  ])('reads on the main thread when %s, with the same result', async (_label, createWorker) => {
    const told: ReadWhere[] = [];
    const run = runHarImport(fileOf(text), { createWorker, onProgress: (_p, where) => told.push(where) });
    expect(await run.done).toEqual(expected);
    expect(run.where).toBe('main thread');
    expect(told.at(-1)).toBe('main thread');
  });

  it('reads a small file at once, with the same result', async () => {
    const run = runHarImport(fileOf(harText), { createWorker: () => { throw new Error('not used'); } });
    expect(run.where).toBe('at once');
    expect(await run.done).toEqual(importHar(harText));
  });

  it('on the main thread, a Cancel as the end of the file is read still cancels', async () => {
    let run: ReturnType<typeof runHarImport> | undefined;
    // The last progress is told once every byte is read, just before the entries are gathered.
    const total = new TextEncoder().encode(text).byteLength;
    run = runHarImport(fileOf(text), {
      createWorker: () => {
        throw new Error('Worker is not defined');
      },
      onProgress: (progress) => {
        if (progress.loaded === total) run?.cancel();
      },
    });
    expect(await run.done).toBe('cancelled');
  });

  it('ends the worker on Cancel', async () => {
    const worker = new FakeWorker(true);
    const run = runHarImport(fileOf(text), { createWorker: () => worker as unknown as Worker });
    run.cancel();
    expect(await run.done).toBe('cancelled');
    expect(worker.terminated).toBe(true);
  });
});
