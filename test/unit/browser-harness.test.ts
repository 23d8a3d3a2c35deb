import { describe, expect, it } from 'vitest';
import { findChromium, INSTALL_HINT } from '../../scripts/browser/find-chromium.ts';

describe('findChromium', () => {
  it('prefers CHROMIUM_PATH', () => {
    expect(findChromium({ CHROMIUM_PATH: '/opt/c/chrome' }, (p) => p === '/opt/c/chrome' || p === '/usr/bin/chromium')).toBe('/opt/c/chrome');
  });
  it("falls back to Debian's package", () => {
    expect(findChromium({ CHROMIUM_PATH: '/missing' }, (p) => p === '/usr/bin/chromium')).toBe('/usr/bin/chromium');
  });
  it('fails with one sentence saying what to install', () => {
    expect(() => findChromium({}, () => false)).toThrow(INSTALL_HINT);
    expect(INSTALL_HINT).toMatch(/apt-get install -y chromium/);
    expect(INSTALL_HINT.split('. ').length).toBe(1);
  });
});
