import { describe, expect, it } from 'vitest';
import { parseStartArgs, wantsHeadless } from '../../scripts/demo/args.ts';
import { sessionLine } from '../../scripts/demo/narrate.ts';
import { Shutdown } from '../../scripts/demo/shutdown.ts';

describe('npm start options', () => {
  it('defaults to the ports of npm run sim, Bancontact, demo-output and a build', () => {
    expect(parseStartArgs([])).toEqual({
      ok: true,
      value: { help: false, headless: false, port: 4010, merchantPort: 4020, product: 3012, outDir: 'demo-output', build: true },
    });
  });

  it('reads every option', () => {
    const parsed = parseStartArgs(['--headless', '--port', '0', '--merchant-port', '5000', '--product', '863', '--out', 'x', '--no-build']);
    expect(parsed).toEqual({
      ok: true,
      value: { help: false, headless: true, port: 0, merchantPort: 5000, product: 863, outDir: 'x', build: false },
    });
  });

  it('refuses what it cannot use, saying which option', () => {
    expect(parseStartArgs(['--port', '70000'])).toMatchObject({ ok: false, reason: expect.stringContaining('--port') });
    expect(parseStartArgs(['--merchant-port', '-1'])).toMatchObject({ ok: false, reason: expect.stringContaining('--merchant-port') });
    expect(parseStartArgs(['--product', '1'])).toMatchObject({ ok: false, reason: expect.stringContaining('--product') });
    expect(parseStartArgs(['--colour'])).toMatchObject({ ok: false });
  });

  it('is headless when asked, or when there is no display', () => {
    expect(wantsHeadless({ headless: false }, { DISPLAY: ':0' })).toBe(false);
    expect(wantsHeadless({ headless: false }, { WAYLAND_DISPLAY: 'wayland-0' })).toBe(false);
    expect(wantsHeadless({ headless: true }, { DISPLAY: ':0' })).toBe(true);
    expect(wantsHeadless({ headless: false }, {})).toBe(true);
  });
});

describe('the demo narration', () => {
  it('never prints a client session id whole', () => {
    const line = sessionLine('1234-66bb4ae9335c4d11a350d39ddd9a3139', '51d29012e6ce4b81afa6cc7551ef4e36', 'JavaScriptClientSDK v6.0.6');
    expect(line).toBe(
      'Session 1234-66bb4ae9335c4d11a350d39ddd9a3139 detected by the panel (JavaScriptClientSDK v6.0.6, client session 51d2…4e36)',
    );
  });
});

describe('Shutdown', () => {
  it('closes newest first, once, and at once what is added after the closing began', async () => {
    const closed: string[] = [];
    const shutdown = new Shutdown();
    shutdown.add(() => void closed.push('simulator'));
    shutdown.add(async () => void closed.push('browser'));
    await Promise.all([shutdown.closeAll(), shutdown.closeAll()]);
    expect(closed).toEqual(['browser', 'simulator']);
    shutdown.add(() => void closed.push('late browser'));
    await shutdown.closeAll();
    expect(closed).toEqual(['browser', 'simulator', 'late browser']);
    expect(shutdown.stopping).toBe(true);
  });
});
