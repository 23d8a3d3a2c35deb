import { describe, expect, it } from 'vitest';
import { rememberRecent } from '../../../src/core/remember-recent.ts';

describe('rememberRecent', () => {
  function counted(size: number, maxKeyLength: number) {
    const computed: string[] = [];
    const f = rememberRecent(size, maxKeyLength, (key) => {
      computed.push(key);
      return key === 'none' ? undefined : key.toUpperCase();
    });
    return { f, computed };
  }

  it('computes a key once while it is kept, an undefined answer included', () => {
    const { f, computed } = counted(4, 100);
    expect([f('a'), f('b'), f('a'), f('none'), f('none'), f('b')]).toEqual(['A', 'B', 'A', undefined, undefined, 'B']);
    expect(computed).toEqual(['a', 'b', 'none']);
  });

  it('forgets everything when full, and computes again what comes back', () => {
    const { f, computed } = counted(2, 100);
    f('a');
    f('b');
    f('c');
    f('a');
    expect(computed).toEqual(['a', 'b', 'c', 'a']);
  });

  it('never keeps a key longer than its limit', () => {
    const { f, computed } = counted(4, 3);
    expect([f('long'), f('long'), f('abc'), f('abc')]).toEqual(['LONG', 'LONG', 'ABC', 'ABC']);
    expect(computed).toEqual(['long', 'long', 'abc']);
  });
});
