// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../../src/panel/components/App.tsx';
import { WORKER_FROM_BYTES } from '../../../src/panel/state/har-file-import.ts';
import { FakeTransport } from './fake-transport.ts';
import { fakeServices, ManualClock } from './fake-services.ts';

const harText = readFileSync(path.resolve('test/fixtures/timeline/checkout-bancontact.har'), 'utf8');

/** The checkout HAR with an image of over a megabyte: large enough to be read in a worker. */
function largeHar(): string {
  const har = JSON.parse(harText) as { log: { entries: unknown[] } };
  const image = {
    startedDateTime: '2025-01-15T09:00:01.000Z',
    time: 12,
    request: { method: 'GET', url: 'https://cdn.example/pic.png', headers: [] },
    response: { status: 200, headers: [], content: { size: WORKER_FROM_BYTES, mimeType: 'image/png', encoding: 'base64', text: 'QUJD'.repeat(WORKER_FROM_BYTES / 3) } },
  };
  return JSON.stringify({ log: { ...har.log, entries: [image, ...har.log.entries] } });
}

let root: HTMLElement;
function mount() {
  const { services } = fakeServices(async () => ({ status: 200, headers: {}, bodyText: '{}' }), new ManualClock());
  const transport = new FakeTransport(3);
  root = document.createElement('div');
  document.body.append(root);
  act(() => render(<App transport={transport} services={services} />, root));
  act(() => transport.snapshot([]));
}
const byTestId = (id: string) => root.querySelector<HTMLElement>(`[data-testid="${id}"]`);

function choose(file: File) {
  const input = byTestId('import-file') as HTMLInputElement;
  Object.defineProperty(input, 'files', { value: [file], configurable: true });
  act(() => void input.dispatchEvent(new Event('change', { bubbles: true })));
}

/** Lets the import run (its reads and pauses are tasks) until `done` holds. */
async function until(done: () => boolean, what: string) {
  for (let i = 0; i < 2000 && !done(); i++) await act(() => new Promise<void>((resolve) => setTimeout(resolve, 5)));
  if (!done()) throw new Error(`never: ${what}`);
}

afterEach(() => {
  render(null, root);
  root.remove();
});

describe('importing a large HAR', () => {
  it('shows its progress with a bar and a percentage, then the file; without a worker it is read on the main thread', async () => {
    mount();
    choose(new File([largeHar()], 'large.har'));
    await until(() => byTestId('import-progress') !== null, 'the progress');
    const progress = byTestId('import-progress')!;
    expect(progress.getAttribute('data-where')).toBe('main thread');
    expect(progress.textContent).toMatch(/^Importing large\.har\s+\d+% Cancel$/);
    expect(byTestId('import-progress-bar')!.getAttribute('max')).toBe('100');
    await until(() => byTestId('imported') !== null, 'the imported file');
    expect(byTestId('import-progress')).toBeNull();
    expect(byTestId('notice')).toBeNull();
    expect(root.querySelectorAll('[data-testid="imported-payment"]')).toHaveLength(1);
  });

  it('stops on Cancel, says so, and shows nothing of the file', async () => {
    mount();
    choose(new File([largeHar()], 'large.har'));
    await until(() => byTestId('import-cancel') !== null, 'the Cancel button');
    act(() => byTestId('import-cancel')!.click());
    await until(() => byTestId('notice') !== null, 'the notice');
    expect(byTestId('notice')!.textContent).toBe('The import of large.har was cancelled.');
    expect(byTestId('import-progress')).toBeNull();
    expect(byTestId('imported')).toBeNull();
  });

  it('reads a broken HAR to its fault and says where', async () => {
    mount();
    choose(new File([`${largeHar().slice(0, -3)}]]}`], 'broken.har'));
    await until(() => byTestId('notice') !== null, 'the notice');
    expect(byTestId('notice')!.textContent).toMatch(/^broken\.har was not imported: The file is not JSON, so it is not a HAR file\. At line 1, column \d+ \(character \d+\): "\]" where a comma or "\}" should be\.$/);
  });
});
