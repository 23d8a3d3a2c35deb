import { afterEach, describe, expect, it, vi } from 'vitest';

vi.mock('webextension-polyfill', () => ({ default: {} }));
const { documentUrls, listFrameDocuments, normaliseEvalAnswer, wrapExpression } = await import('../../../src/extension/platform/inspected-window.ts');

const marked = (value: unknown) => ({ __connectDevtoolsValue: value });

describe('normaliseEvalAnswer', () => {
  it.each([
    ['Chrome ≥ 152: a bare value', { status: 'fulfilled', value: marked(2) } as const, 2],
    ['Chrome ≥ 152: a bare array value', { status: 'fulfilled', value: marked([1, 2]) } as const, [1, 2]],
    ['Firefox / polyfill: [result, undefined]', { status: 'fulfilled', value: [marked('x'), undefined] } as const, 'x'],
    ['Firefox: an array result inside the tuple', { status: 'fulfilled', value: [marked([1]), undefined] } as const, [1]],
    ['callback form', { status: 'callback', result: marked(null), exceptionInfo: undefined } as const, null],
    ['callback form with an empty exception object', { status: 'callback', result: marked(true), exceptionInfo: {} } as const, true],
  ])('%s', (_label, answer, expected) => {
    expect(normaliseEvalAnswer(answer)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['Chrome ≥ 152 rejection', { status: 'rejected', reason: { isException: true, value: 'Error: boom' } } as const, 'The page threw: Error: boom'],
    ['tuple with exceptionInfo', { status: 'fulfilled', value: [undefined, { isException: true, value: 'ReferenceError: x' }] } as const, 'The page threw: ReferenceError: x'],
    ['callback with an evaluation error', { status: 'callback', result: undefined, exceptionInfo: { isError: true, code: 'E_PROTOCOLERROR', description: 'Inspected frame has gone' } } as const, 'DevTools could not evaluate: Inspected frame has gone'],
    ['an unmarked answer', { status: 'fulfilled', value: 2 } as const, 'DevTools returned an answer of an unexpected shape.'],
  ])('%s', (_label, answer, reason) => {
    expect(normaliseEvalAnswer(answer)).toEqual({ ok: false, reason });
  });

  it('wraps an expression so that its value is always marked', () => {
    expect(new Function(`return ${wrapExpression('[1, 2].length')}`)()).toEqual(marked(2));
  });
});

describe('the frames DevTools lists', () => {
  const scope = globalThis as unknown as { chrome?: unknown };
  afterEach(() => {
    delete scope.chrome;
  });

  it('keeps the documents\' addresses, each once, in order, and nothing else', () => {
    const resources = [
      { type: 'document', url: 'https://shop.example/pay' },
      { type: 'script', url: 'https://shop.example/app.js' },
      { type: 'document', url: 'https://pay.example/frame' },
      { type: 'document', url: 'https://shop.example/pay' },
      { type: 'document', url: 42 },
      { type: 'document', url: `https://long.example/${'x'.repeat(4096)}` },
      null,
      'document',
    ];
    expect(documentUrls(resources)).toEqual(['https://shop.example/pay', 'https://pay.example/frame']);
    for (const odd of [undefined, null, 'x', { length: 2 }]) expect(documentUrls(odd)).toEqual([]);
  });

  it('asks getResources where it exists, and answers empty where it does not (Firefox) or fails', async () => {
    scope.chrome = { devtools: { inspectedWindow: { getResources: (done: (r: unknown) => void) => done([{ type: 'document', url: 'https://a.example/' }]) } } };
    expect(await listFrameDocuments()).toEqual(['https://a.example/']);
    scope.chrome = { devtools: { inspectedWindow: {} } };
    expect(await listFrameDocuments()).toEqual([]);
    scope.chrome = {
      devtools: {
        inspectedWindow: {
          getResources: () => {
            throw new Error('Inspected page has gone');
          },
        },
      },
    };
    expect(await listFrameDocuments()).toEqual([]);
  });
});
