import { beforeEach, describe, expect, it, vi } from 'vitest';

/**
 * Firefox's `devtools.inspectedWindow.eval` resolves to `[result, exceptionInfo]` and reports a
 * page exception inside the tuple rather than by rejecting. The stub answers that way, running the
 * expression it is given, so the whole path from expression to result is exercised.
 */
const evalStub = vi.fn<(expression: string) => Promise<unknown>>();
vi.mock('webextension-polyfill', () => ({ default: { devtools: { inspectedWindow: { eval: (expression: string) => evalStub(expression) } } } }));
const { evalInInspectedWindow } = await import('../../../src/extension/platform/inspected-window.ts');

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
});
