import { describe, expect, it } from 'vitest';
import { zip } from '../../../scripts/package-zip.ts';
import { ships } from '../../../scripts/package.ts';
import { readZip } from './read-zip.ts';

describe('zip', () => {
  const text = Buffer.from('{"name":"Connect DevTools"}\n'.repeat(50));
  const tiny = Buffer.from('x');
  const binary = Buffer.from(Array.from({ length: 300 }, (_, i) => (i * 7919) % 256));

  it('writes entries an unzip reads back byte for byte, in order', () => {
    const files = readZip(zip([
      { name: 'manifest.json', data: text },
      { name: 'src/é/tiny.txt', data: tiny },
      { name: 'assets/blob.bin', data: binary },
      { name: 'empty', data: Buffer.alloc(0) },
    ]));
    expect([...files.keys()]).toEqual(['manifest.json', 'src/é/tiny.txt', 'assets/blob.bin', 'empty']);
    expect(files.get('manifest.json')?.equals(text)).toBe(true);
    expect(files.get('src/é/tiny.txt')?.equals(tiny)).toBe(true);
    expect(files.get('assets/blob.bin')?.equals(binary)).toBe(true);
    expect(files.get('empty')?.length).toBe(0);
  });

  it('deflates what shrinks and stores what would not', () => {
    const archive = zip([{ name: 'a', data: text }, { name: 'b', data: tiny }]);
    // Method of each local header: at offset 8 of the first, and of the second after the first's data.
    expect(archive.readUInt16LE(8)).toBe(8);
    expect(archive.length).toBeLessThan(text.length);
    const second = 30 + 1 + archive.readUInt32LE(18);
    expect(archive.readUInt16LE(second + 8)).toBe(0);
  });

  it('gives the same bytes for the same files (no clock in the archive)', () => {
    const entries = [{ name: 'manifest.json', data: text }];
    expect(zip(entries).equals(zip(entries))).toBe(true);
  });

  it.each(['/abs', '../up', 'a/../../b', 'win\\path', ''])('refuses the unsafe name "%s"', (name) => {
    expect(() => zip([{ name, data: tiny }])).toThrow(/Unsafe/);
  });

  it('refuses a name twice', () => {
    expect(() => zip([{ name: 'a', data: tiny }, { name: 'a', data: tiny }])).toThrow(/Duplicate/);
  });
});

describe('what ships in a store package', () => {
  it.each([
    ['manifest.json', true],
    ['assets/panel-abc.js', true],
    ['icon-16.png', true],
    ['assets/panel-abc.js.map', false],
    ['src/panel/index.test.ts', false],
    ['assets/x.spec.js', false],
    ['.DS_Store', false],
  ])('%s: %s', (path, expected) => {
    expect(ships(path)).toBe(expected);
  });
});
