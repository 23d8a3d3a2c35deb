import { describe, expect, it } from 'vitest';
import { createHostAccess, originPattern, patternCoversOrigin, type PermissionsApi } from '../../../src/extension/platform/host-access.ts';
import { createPanelPollFetch } from '../../../src/extension/platform/poll-fetch.ts';

/** The browser's permissions API: patterns granted, what was asked, and how the prompt answers. */
function fakePermissions(answer: boolean | Error = true) {
  const granted = new Set<string>();
  const asked: string[][] = [];
  const api: PermissionsApi = {
    request: async ({ origins }) => {
      asked.push(origins);
      if (answer instanceof Error) throw answer;
      if (answer) origins.forEach((o) => granted.add(o));
      return answer;
    },
    getAll: async () => ({ origins: [...granted] }),
    remove: async ({ origins }) => {
      origins.forEach((o) => granted.delete(o));
      return true;
    },
  };
  return { api, granted, asked };
}

describe('originPattern: exactly one origin, port included', () => {
  it.each([
    ['https://ams1.sandbox.api-ingenico.com', 'https://ams1.sandbox.api-ingenico.com:443/*'],
    ['http://127.0.0.1:4010', 'http://127.0.0.1:4010/*'],
    ['http://localhost', 'http://localhost:80/*'],
    ['https://eu.api-ingenico.com:8443', 'https://eu.api-ingenico.com:8443/*'],
  ])('%s → %s', (origin, pattern) => {
    expect(originPattern(origin)).toEqual({ ok: true, value: pattern });
  });

  it.each([
    'https://ams1.sandbox.api-ingenico.com/client',
    'https://*.api-ingenico.com',
    'ftp://files.example',
    'chrome-extension://abcdefghijklmnop',
    '<all_urls>',
    'https://user:pass@host.example',
    '',
  ])('refuses %j: the page chose it, so nothing wider than one origin may come out', (origin) => {
    expect(originPattern(origin).ok).toBe(false);
  });
});

describe('patternCoversOrigin', () => {
  it.each([
    ['http://*/*', 'http://127.0.0.1:4010', true],
    ['https://*/*', 'http://127.0.0.1:4010', false],
    ['*://*/*', 'https://eu.api-ingenico.com', true],
    ['<all_urls>', 'https://eu.api-ingenico.com', true],
    ['https://*.api-ingenico.com/*', 'https://ams1.sandbox.api-ingenico.com', true],
    ['https://*.api-ingenico.com/*', 'https://api-ingenico.com', true],
    ['https://*.api-ingenico.com/*', 'https://evil-api-ingenico.com', false],
    ['http://127.0.0.1:4010/*', 'http://127.0.0.1:4010', true],
    ['http://127.0.0.1:4010/*', 'http://127.0.0.1:4011', false],
    ['https://eu.api-ingenico.com:443/*', 'https://eu.api-ingenico.com', true],
    ['http://localhost/*', 'http://localhost:4020', true],
    ['not a pattern', 'http://localhost:4020', false],
  ])('%s covers %s: %s', (pattern, origin, covers) => {
    expect(patternCoversOrigin(pattern, origin)).toBe(covers);
  });
});

describe('host access for an approved Client API origin', () => {
  it('asks for that one origin, and says granted or declined as the prompt answered', async () => {
    const yes = fakePermissions(true);
    expect(await createHostAccess(yes.api).request('http://127.0.0.1:4010')).toEqual({ kind: 'granted' });
    expect(yes.asked).toEqual([['http://127.0.0.1:4010/*']]);
    const no = fakePermissions(false);
    expect(await createHostAccess(no.api).request('http://127.0.0.1:4010')).toEqual({ kind: 'declined' });
  });

  it('says unavailable, never throws, when the browser cannot ask or refuses the call', async () => {
    expect(await createHostAccess(undefined).request('https://eu.api-ingenico.com')).toMatchObject({ kind: 'unavailable' });
    const gesture = fakePermissions(new Error('This function must be called during a user gesture'));
    expect(await createHostAccess(gesture.api).request('https://eu.api-ingenico.com')).toEqual({
      kind: 'unavailable',
      reason: 'This function must be called during a user gesture',
    });
    const wide = fakePermissions(true);
    expect(await createHostAccess(wide.api).request('https://*.example')).toMatchObject({ kind: 'unavailable' });
    expect(wide.asked).toEqual([]);
  });

  it("does not ask when a granted pattern (the content scripts' http and https matches) covers the origin", async () => {
    const { api, granted, asked } = fakePermissions(false);
    granted.add('http://*/*');
    const access = createHostAccess(api);
    expect(await access.request('http://127.0.0.1:4010')).toEqual({ kind: 'granted' });
    expect(asked).toEqual([]);
    expect(await access.has('https://eu.api-ingenico.com')).toBe(false);
  });

  it('tells whether the origin is granted, and gives it back on remove', async () => {
    const { api, granted } = fakePermissions(true);
    const access = createHostAccess(api);
    expect(await access.has('http://127.0.0.1:4010')).toBe(false);
    await access.request('http://127.0.0.1:4010');
    expect(await access.has('http://127.0.0.1:4010')).toBe(true);
    expect(await access.has('http://127.0.0.1:4011')).toBe(false);
    expect(await access.remove('http://127.0.0.1:4010')).toBe(true);
    expect(granted.size).toBe(0);
    expect(await access.has('http://127.0.0.1:4010')).toBe(false);
  });
});

describe("the panel's poll fetch on a network error", () => {
  const request = { method: 'GET' as const, url: 'http://127.0.0.1:4010/client/v1/1234/payments/1/thirdpartystatus', headers: {} };
  const failing = () => Promise.reject(new TypeError('Failed to fetch'));

  it('points at the missing host access, since a refused CORS preflight looks like any network error', async () => {
    const original = globalThis.fetch;
    globalThis.fetch = failing;
    try {
      const without = createPanelPollFetch({ has: async () => false });
      await expect(without(request, new AbortController().signal)).rejects.toThrow(
        'Failed to fetch (http://127.0.0.1:4010 may not answer CORS for extensions: grant access under Approved origins)',
      );
      const withAccess = createPanelPollFetch({ has: async () => true });
      await expect(withAccess(request, new AbortController().signal)).rejects.toThrow(/^Failed to fetch$/);
    } finally {
      globalThis.fetch = original;
    }
  });
});
