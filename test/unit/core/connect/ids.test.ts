import { describe, expect, it } from 'vitest';
import {
  maskSecret,
  parseClientSessionId,
  parseCustomerId,
  parsePaymentId,
  paymentIdNote,
} from '../../../../src/core/connect/ids.ts';

describe('parsePaymentId', () => {
  const accepted: [string, string, string][] = [
    ['a 30-digit id', '000000123410000595980000100001', '000000123410000595980000100001'],
    ['surrounding whitespace', '  000002000020142549460000100001\n', '000002000020142549460000100001'],
    ['double quotes from JSON', '"000002000010000596140000100001"', '000002000010000596140000100001'],
    ['single quotes', "'000002000010000596140000100001'", '000002000010000596140000100001'],
    ['a number and its attempt, as in the Bancontact example', '2737860_0', '2737860_0'],
    ['an opaque id of another shape', 'pay_7Hq2-x', 'pay_7Hq2-x'],
    ['64 characters', 'a'.repeat(64), 'a'.repeat(64)],
  ];
  it.each(accepted)('accepts %s', (_, input, id) => {
    expect(parsePaymentId(input)).toEqual({ ok: true, value: id });
  });

  const refused: [string, string, string][] = [
    ['empty', '', 'Enter a payment id: 30 digits (000000123410000595980000100001) or a number and an attempt (2737860_0).'],
    ['only spaces', '   ', 'Enter a payment id: 30 digits (000000123410000595980000100001) or a number and an attempt (2737860_0).'],
    ['only quotes', '""', 'Enter a payment id: 30 digits (000000123410000595980000100001) or a number and an attempt (2737860_0).'],
    ['65 characters', 'a'.repeat(65), 'A payment id is at most 64 characters; this is 65.'],
    ['a space inside', '0000001234 10000595980000100001', 'A payment id has only letters, digits, "-" and "_", usually 30 digits (000000123410000595980000100001) or a number and an attempt (2737860_0); this one has a space.'],
    ['a slash', '123/456', 'A payment id has only letters, digits, "-" and "_", usually 30 digits (000000123410000595980000100001) or a number and an attempt (2737860_0); this one has "/".'],
    ['a URL', 'https://x/payments/1', 'A payment id has only letters, digits, "-" and "_", usually 30 digits (000000123410000595980000100001) or a number and an attempt (2737860_0); this one has ":".'],
    ['mismatched quotes', '"123\'', 'A payment id has only letters, digits, "-" and "_", usually 30 digits (000000123410000595980000100001) or a number and an attempt (2737860_0); this one has "\\"".'],
  ];
  it.each(refused)('refuses %s', (_, input, reason) => {
    expect(parsePaymentId(input)).toEqual({ ok: false, reason });
  });
});

describe('paymentIdNote', () => {
  it.each(['000000123410000595980000100001', '2737860_0', '2737860_12'])('says nothing about %s, a form the platform uses', (id) => {
    expect(paymentIdNote(id)).toBeUndefined();
  });
  it.each(['12345', '00000012341000059598000010000', 'pay_7Hq2-x', '2737860_', '_0', '2737860_0_1', 'x2737860_0'])(
    'notes the unusual %s and names both usual forms',
    (id) => {
      const note = paymentIdNote(id);
      expect(note).toContain(`is ${id.length} characters`);
      expect(note).toContain('30 digits');
      expect(note).toContain('2737860_0');
    },
  );
});

describe('parseClientSessionId', () => {
  it.each(['51d29012e6ce4b81afa6cc7551ef4e36', 'CCF8EE1015944AB0', '0f3b6a1e-4a5e-4b4e-9a43-1d2b3c4d5e6f', 'a'.repeat(128)])(
    'accepts %s',
    (id) => expect(parseClientSessionId(id).ok).toBe(true),
  );
  it.each(['', 'abc', 'a'.repeat(129), '51d29012e6ce4b81 afa6cc7551ef4e36', '51d29012e6ce4b81_afa6cc7551ef4e36'])(
    'refuses %j',
    (id) => expect(parseClientSessionId(id).ok).toBe(false),
  );
});

describe('parseCustomerId', () => {
  it.each(['9991-66bb4ae9335c4d11a350d39ddd9a3139', '11492-214bf4b4c1f64cd2a5cb2b2fbf4e4c2a', '1234', 'abc_def'])(
    'accepts %s',
    (id) => expect(parseCustomerId(id).ok).toBe(true),
  );
  it.each(['', '-9991', 'products?x', '9991/66bb', 'a'.repeat(129)])('refuses %j', (id) =>
    expect(parseCustomerId(id).ok).toBe(false),
  );
});

describe('maskSecret', () => {
  const rows: [string, string][] = [
    ['51d29012e6ce4b81afa6cc7551ef4e36', '51d2…4e36'],
    ['abcdefghijkl', 'abcd…ijkl'],
    ['abcdefghijk', 'a…k'],
    ['abcdef', 'a…f'],
    ['abcde', '…'],
    ['', '…'],
  ];
  it.each(rows)('masks %j as %j', (id, masked) => {
    expect(maskSecret(id)).toBe(masked);
  });
});
