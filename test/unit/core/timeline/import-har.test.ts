import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { deriveView } from '../../../../src/core/detect/derive-sessions.ts';
import { buildTimeline } from '../../../../src/core/timeline/build-timeline.ts';
import { exportTimelines, importTimelines } from '../../../../src/core/timeline/export-file.ts';
import { importHar, MAX_HAR_CHARS } from '../../../../src/core/timeline/import-har.ts';

const harText = readFileSync(new URL('../../../fixtures/timeline/checkout-bancontact.har', import.meta.url), 'utf8');
const SESSION_ID = '51d29012e6ce4b81afa6cc7551ef4e36';
const PAYMENT_ID = '000000123410000595980000100001';
const T0 = Date.UTC(2025, 0, 15, 9, 0, 0);

function imported() {
  const result = importHar(harText);
  if (!result.ok) throw new Error(result.reason);
  return result.value;
}

describe('importHar', () => {
  it('rebuilds the session and the payment from a Chrome HAR', () => {
    const { observations, entries, skippedEntries } = imported();
    expect(entries).toBe(15);
    expect(skippedEntries).toBe(0);
    const view = deriveView(observations, T0 + 20_000);
    expect(view.sessions).toHaveLength(1);
    const [session] = view.sessions;
    expect(session).toMatchObject({
      clientSessionId: SESSION_ID,
      customerId: '9991-66bb4ae9335c4d11a350d39ddd9a3139',
      clientApiUrl: 'https://ams1.sandbox.api-ingenico.com/client',
      sdk: { name: 'JavaScriptClientSDK', version: '6.0.6' },
    });
    // The products call and nine status calls; the CORS preflight is not a call.
    expect(session?.calls).toHaveLength(10);
    expect(session?.payments).toMatchObject([
      { paymentId: PAYMENT_ID, productId: 3012, actionType: 'SHOW_FORM', lastThirdPartyStatus: 'COMPLETED' },
    ]);
    expect(view.navigations.map((n) => n.url)).toEqual(['https://shop.example/checkout', `https://shop.example/thank-you?paymentId=${PAYMENT_ID}`]);
  });

  it('turns the page’s thirdpartystatus calls into the third-party status timeline', () => {
    const { payments } = imported();
    expect(payments).toHaveLength(1);
    const [payment] = payments;
    expect(payment).toMatchObject({ paymentId: PAYMENT_ID, productId: 3012, session: { clientSessionId: SESSION_ID } });
    const { rows, summary } = buildTimeline(payment!);
    const shown = rows.map((row) => {
      if (row.kind === 'state') return `${row.status}×${row.pollCount}`;
      if (row.kind === 'error') return row.title;
      return row.kind === 'navigation' ? `navigation ${row.url}` : row.kind;
    });
    expect(shown).toEqual([
      'navigation https://shop.example/checkout',
      'WAITING×3',
      'Server error 503 (HTML page)',
      'INITIALIZED×2',
      'Network error: No answer (status 0 in the HAR: failed, blocked or cancelled): net::ERR_INTERNET_DISCONNECTED',
      'AUTHORIZED×1',
      'COMPLETED×1',
      `navigation https://shop.example/thank-you?paymentId=${PAYMENT_ID}`,
    ]);
    expect(summary).toMatchObject({ polls: 9, errors: 2, finalStatus: 'COMPLETED', firstPollAt: T0 + 3000 });
    expect(summary.timeToCompletedMs).toBe(15_800 + 98 - 3000);
  });

  it('keeps only the SDK headers in records, so cookies never reach an export', () => {
    const [payment] = imported().payments;
    const record = payment!.records[0]!;
    expect(Object.keys(record.request.headers).sort()).toEqual(['accept', 'authorization', 'content-type', 'x-gcs-clientmetainfo']);
    expect(record).toMatchObject({ source: 'har-import', seq: 0, startedAt: T0 + 3000, endedAt: T0 + 3098 });
    const text = exportTimelines(imported().payments, { redact: true, now: T0, toolVersion: '0.1.0' });
    expect(text).not.toContain('merchant-secret-cookie');
    expect(text).not.toContain(SESSION_ID);
    const back = importTimelines(text);
    expect(back.ok && buildTimeline(back.value.payments[0]!)).toEqual(buildTimeline(payment!));
  });

  it.each([
    ['another origin of the page’s site', 'https://api.shop.example/payments', 'https://shop.example/checkout', 1],
    ['a frame’s own backend, named by its Referer', 'https://api.psp.example/create', 'https://frame.psp.example/pay', 1],
    ['another site', 'https://api.other.example/payments', 'https://shop.example/checkout', 0],
  ])('reads the created payment from %s only when it is same-site', (_, url, referer, found) => {
    const har = JSON.parse(harText) as { log: { entries: { request: { url: string; headers: { name: string; value: string }[] } }[] } };
    const answer = har.log.entries.find((e) => e.request.url === 'https://shop.example/api/payments')!;
    answer.request.url = url;
    answer.request.headers = answer.request.headers
      .filter((h) => h.name !== 'origin' && h.name !== ':authority')
      .map((h) => (h.name === 'referer' ? { ...h, value: referer } : h));
    const result = importHar(JSON.stringify(har));
    const created = result.ok ? result.value.observations.filter((o) => o.kind === 'payment' && o.source === 'create-payment-response') : [];
    expect(created).toHaveLength(found);
  });

  it('skips entries that are not valid HAR entries and reads the rest', () => {
    const har = JSON.parse(harText) as { log: { entries: unknown[] } };
    har.log.entries.push({ request: 'nonsense' }, 7);
    const result = importHar(JSON.stringify(har));
    expect(result.ok && result.value.skippedEntries).toBe(2);
  });

  it.each([
    ['not JSON', 'HAR?', 'The file is not JSON, so it is not a HAR file.'],
    ['not a HAR', JSON.stringify({ hello: 'world' }), 'Not a HAR file: log:'],
    ['entries that are not a list', JSON.stringify({ log: { entries: {} } }), 'Not a HAR file: log.entries:'],
    ['a timeline export', JSON.stringify({ format: 'connect-devtools-timeline', version: 1 }), 'use "Import timeline"'],
    [
      'a HAR without Connect traffic',
      JSON.stringify({ log: { version: '1.2', entries: (JSON.parse(harText) as { log: { entries: unknown[] } }).log.entries.slice(0, 1) } }),
      'No Connect traffic found in 1 request: no call to a Client API',
    ],
  ])('refuses %s with a clear message', (_name, text, message) => {
    const result = importHar(text);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.reason).toContain(message);
  });

  it('refuses a file past the size limit before parsing it', () => {
    const result = importHar(' '.repeat(MAX_HAR_CHARS + 1));
    expect(result.ok ? '' : result.reason).toContain('too large');
  });
});
