import { describe, expect, it } from 'vitest';
import { buildTimeline } from '../../../../src/core/timeline/build-timeline.ts';
import {
  exportTimelines,
  importTimelines,
  MAX_IMPORT_CHARS,
  type ExportedPayment,
} from '../../../../src/core/timeline/export-file.ts';
import { foldPolls } from '../../../../src/core/timeline/fold-polls.ts';
import type { PollRecord } from '../../../../src/core/timeline/poll-record.ts';
import { makeRecords, repeat, SESSION_ID, START, target, withoutRefs } from './make-records.ts';

const OTHER_ID = 'ccf8ee1015944ab09e053411e683b43f';

function payment(steps: string[], paymentId = target.paymentId): ExportedPayment {
  const records = makeRecords(steps);
  const last = records.at(-1)!;
  return {
    paymentId,
    productId: 3012,
    session: { customerId: target.customerId, clientApiUrl: target.clientApiUrl, clientSessionId: SESSION_ID },
    records,
    navigations: [{ kind: 'navigation', at: START + 1500, url: 'https://shop.example/checkout?step=2' }],
    stop: { kind: 'stopped', at: last.endedAt, reason: 'completed', message: 'The customer completed the payment.' },
  };
}

/** A payment whose answers echo the session id back: a body, an error message, a URL. */
function leakyPayment(): ExportedPayment {
  const base = payment(['WAITING', '503', 'COMPLETED'], '000000000000000000000000000002');
  const records: PollRecord[] = base.records.map((record, i) =>
    i === 1
      ? {
          ...record,
          request: { ...record.request, url: `${record.request.url}?debug=${SESSION_ID}` },
          response: { status: 503, headers: {}, bodyText: `<html>session ${SESSION_ID} / GCS v1Client:${OTHER_ID}</html>` },
          outcome: { kind: 'network-error', message: `proxy refused Authorization: GCS v1Client:${OTHER_ID}` },
        }
      : record,
  );
  return { ...base, records };
}

const options = { now: Date.UTC(2025, 0, 15, 12, 0, 0), toolVersion: '0.1.0' };
const importOk = (text: string) => {
  const result = importTimelines(text);
  if (!result.ok) throw new Error(result.reason);
  return result.value;
};

describe('exportTimelines / importTimelines', () => {
  it('round-trips: the imported file gives the same timeline rows', () => {
    const steps = [...repeat('WAITING', 700), '503', '503', 'timeout', ...repeat('INITIALIZED', 20), 'AUTHORIZED', 'html', 'CANCELLED', 'COMPLETED'];
    const folded = { ...payment(steps), records: foldPolls(makeRecords(steps)) };
    const payments = [folded, payment(['WAITING', 'AUTHORIZED', '404'], '000000000000000000000000000003')];
    for (const redact of [true, false]) {
      const file = importOk(exportTimelines(payments, { ...options, redact }));
      expect(file.redacted).toBe(redact);
      expect(file.payments).toHaveLength(2);
      for (const [i, original] of payments.entries()) {
        const imported = file.payments[i]!;
        expect(buildTimeline(imported)).toEqual(buildTimeline(original));
      }
    }
  });

  it('folds a history too long for the format, so what is written can be read back', () => {
    const long = payment([...repeat('WAITING', 5999), 'COMPLETED']);
    const file = importOk(exportTimelines([long], { ...options, redact: false }));
    expect(file.payments[0]!.records.length).toBeLessThanOrEqual(5000);
    const [read, written] = [buildTimeline(file.payments[0]!), buildTimeline(long)];
    expect(withoutRefs(read.rows)).toEqual(withoutRefs(written.rows));
    expect(read.summary).toEqual(written.summary);
  });

  it('writes the documented header', () => {
    const text = exportTimelines([payment(['WAITING'])], { ...options, redact: true });
    expect(JSON.parse(text)).toMatchObject({
      format: 'connect-devtools-timeline',
      version: 1,
      exportedAt: '2025-01-15T12:00:00.000Z',
      tool: { name: 'Connect DevTools', version: '0.1.0' },
      redacted: true,
    });
  });

  it('leaves no session id anywhere in a redacted file: session, headers, URLs, bodies, messages', () => {
    const payments = [payment(['WAITING', 'COMPLETED']), leakyPayment()];
    const redacted = exportTimelines(payments, { ...options, redact: true });
    expect(redacted).not.toContain(SESSION_ID);
    expect(redacted).not.toContain(OTHER_ID);
    expect(redacted.toLowerCase()).not.toContain(SESSION_ID.toLowerCase());
    const file = importOk(redacted);
    expect(file.payments[0]!.session.clientSessionId).toBe('51d2…4e36');
    expect(file.payments[0]!.records[0]!.request.headers.Authorization).toBe('GCS v1Client:51d2…4e36');
    expect(file.payments[1]!.records[1]!.response?.bodyText).toBe('<html>session 51d2…4e36 / GCS v1Client:ccf8…b43f</html>');
    // The caller's records are not touched.
    expect(payments[0]!.records[0]!.request.headers.Authorization).toBe(`GCS v1Client:${SESSION_ID}`);

    const revealed = exportTimelines(payments, { ...options, redact: false });
    expect(revealed).toContain(`GCS v1Client:${SESSION_ID}`);
    expect(importOk(revealed).payments[0]!.session.clientSessionId).toBe(SESSION_ID);
  });

  const good = JSON.parse(exportTimelines([payment(['WAITING']), payment(['WAITING']), payment(repeat('WAITING', 8))], { ...options, redact: true })) as {
    payments: { records: Record<string, unknown>[] }[];
  };
  const edited = (edit: (file: typeof good) => void) => {
    const copy = structuredClone(good);
    edit(copy);
    return JSON.stringify(copy);
  };

  it.each([
    ['not JSON', '{"format": "connect-devtools-timeline",', 'The file is not JSON'],
    ['an array', '[1,2]', 'JSON but not an object'],
    ['a HAR file', JSON.stringify({ log: { version: '1.2', entries: [] } }), 'This is a HAR file'],
    ['another format', JSON.stringify({ format: 'redux-devtools', version: 1 }), '"format" should be "connect-devtools-timeline"'],
    ['a newer version', edited((f) => Object.assign(f, { version: 2 })), 'newer Connect DevTools (format version 2); this one reads version 1'],
    ['no version', edited((f) => Object.assign(f, { version: 'one' })), 'no valid format "version"'],
    ['a bad outcome deep inside', edited((f) => Object.assign(f.payments[2]!.records[5]!, { outcome: { kind: 'exploded' } })), 'payments[2].records[5].outcome'],
    ['a missing time', edited((f) => delete f.payments[1]!.records[0]!.startedAt), 'payments[1].records[0].startedAt'],
    ['a body past the cap', edited((f) => Object.assign(f.payments[0]!.records[0]!, { response: { status: 200, headers: {}, bodyText: 'x'.repeat(70_000) } })), 'payments[0].records[0].response.bodyText'],
    ['records out of order', edited((f) => Object.assign(f.payments[2]!.records[3]!, { seq: 1 })), 'payments[2].records[3].seq: 1 does not come after 2'],
    ['a record that ends before it starts', edited((f) => Object.assign(f.payments[0]!.records[0]!, { endedAt: 0 })), 'payments[0].records[0]: it ends before it starts'],
    ['too many records', edited((f) => Object.assign(f.payments[0]!, { records: Array.from({ length: 5001 }, () => 0) })), 'payments[0] has 5001 records; at most 5000'],
    ['too many payments', edited((f) => Object.assign(f, { payments: Array.from({ length: 101 }, () => ({})) })), 'The file has 101 payments; at most 100'],
  ])('refuses %s with a clear message', (_name, text, message) => {
    const result = importTimelines(text);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.reason).toContain(message);
  });

  it('refuses a file past the size limit before reading it', () => {
    const result = importTimelines(' '.repeat(MAX_IMPORT_CHARS + 1));
    expect(result).toEqual({ ok: false, reason: 'The file is too large to import (20 MB; the limit is 20 MB).' });
  });
});
