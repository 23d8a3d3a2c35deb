import { describe, expect, it, vi } from 'vitest';

vi.mock('webextension-polyfill', () => ({ default: {} }));
const { normaliseEvalAnswer, wrapExpression } = await import('../../../src/extension/platform/inspected-window.ts');

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
