import { beforeEach, describe, expect, it, vi } from 'vitest';

/**
 * Firefox's `devtools.inspectedWindow.eval` resolves to `[result, exceptionInfo]` and reports a
 * page exception inside the tuple rather than by rejecting. The stub answers that way, running the
 * expression it is given, so the whole path from expression to result is exercised.
 */
const evalStub = vi.fn<(expression: string, options?: unknown) => Promise<unknown>>();
vi.mock('webextension-polyfill', () => ({
  default: { devtools: { inspectedWindow: { eval: (...args: [string, unknown?]) => evalStub(...args) } } },
}));
const { evalInInspectedWindow } = await import('../../../src/extension/platform/inspected-window.ts');
const { READ_FRAME_EXPRESSION, HOOK_READER } = await import('../../../src/extension/page/hook-reader.ts');

function firefoxEval(page: Record<string, unknown>) {
  return async (expression: string): Promise<unknown> => {
    try {
      const value: unknown = new Function('page', `with (page) { return ${expression}; }`)(page);
      // Both browsers hand the value back as JSON.
      return [JSON.parse(JSON.stringify(value)), undefined];
    } catch (error) {
      return [undefined, { isException: true, value: String(error) }];
    }
  };
}

beforeEach(() => {
  evalStub.mockReset();
});

describe('evalInInspectedWindow against Firefox-shaped answers', () => {
  it('gives the value of the expression', async () => {
    evalStub.mockImplementation(firefoxEval({ location: { href: 'https://shop.example/pay' } }));
    expect(await evalInInspectedWindow('location.href')).toEqual({ ok: true, value: 'https://shop.example/pay' });
  });

  it('keeps an array value apart from the tuple around it', async () => {
    evalStub.mockImplementation(firefoxEval({ frames: ['a', 'b'] }));
    expect(await evalInInspectedWindow('frames')).toEqual({ ok: true, value: ['a', 'b'] });
  });

  it('keeps a null value a success', async () => {
    evalStub.mockImplementation(firefoxEval({ opener: null }));
    expect(await evalInInspectedWindow('opener')).toEqual({ ok: true, value: null });
  });

  it('reports an exception thrown by the page', async () => {
    evalStub.mockImplementation(firefoxEval({}));
    expect(await evalInInspectedWindow('missing.href')).toEqual({ ok: false, reason: 'The page threw: ReferenceError: missing is not defined' });
  });

  it('reports an evaluation error (a frame that has gone)', async () => {
    evalStub.mockResolvedValue([undefined, { isError: true, code: 'E_PROTOCOLERROR', description: 'Inspected window has gone' }]);
    expect(await evalInInspectedWindow('1')).toEqual({ ok: false, reason: 'DevTools could not evaluate: Inspected window has gone' });
  });

  it('never throws when the call itself rejects', async () => {
    evalStub.mockImplementation(async () => {
      throw new Error('No inspected window');
    });
    expect(await evalInInspectedWindow('1')).toEqual({ ok: false, reason: 'DevTools could not evaluate: Error: No inspected window' });
  });

  it('reads a frame with the page hook as the devtools page does, and one without it as null', async () => {
    const session = { global: 'connectsdk', clientSessionId: 'x'.repeat(32) };
    const hooked = { location: { href: 'https://shop.example/pay' }, window: { [HOOK_READER]: () => [session] } };
    evalStub.mockImplementation(firefoxEval(hooked));
    expect(await evalInInspectedWindow(READ_FRAME_EXPRESSION)).toEqual({ ok: true, value: { url: 'https://shop.example/pay', sessions: [session] } });
    for (const reader of [undefined, 'not a function', { length: 1 }]) {
      evalStub.mockImplementation(firefoxEval({ location: { href: 'https://shop.example/' }, window: { [HOOK_READER]: reader } }));
      expect(await evalInInspectedWindow(READ_FRAME_EXPRESSION)).toEqual({ ok: true, value: { url: 'https://shop.example/', sessions: null } });
    }
  });

  it('passes a frame address only when one is given, so Firefox never receives an option it ignores', async () => {
    evalStub.mockResolvedValue([{ __connectDevtoolsValue: 1 }, undefined]);
    await evalInInspectedWindow('1');
    await evalInInspectedWindow('1', 'https://pay.example/frame');
    expect(evalStub.mock.calls.map((call) => call.length)).toEqual([1, 2]);
    expect(evalStub.mock.calls[1]![1]).toEqual({ frameURL: 'https://pay.example/frame' });
  });
});
