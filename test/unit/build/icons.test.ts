import { readFileSync } from 'node:fs';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { drawIcon, encodeRgbaPng, iconFile, ICON_SIZES } from '../../../scripts/build-icons.ts';

const PUBLIC = new URL('../../../public/', import.meta.url);
const manifest = JSON.parse(readFileSync(new URL('../manifest.json', PUBLIC), 'utf8')) as { icons: Record<string, string> };

const pixel = (png: PNG, x: number, y: number) => [...png.data.subarray((y * png.width + x) * 4, (y * png.width + x) * 4 + 4)];

describe.each(ICON_SIZES)('icon at %i px', (size) => {
  const png = PNG.sync.read(readFileSync(new URL(iconFile(size), PUBLIC)));

  it('is a PNG of that size, declared in manifest.json', () => {
    expect([png.width, png.height]).toEqual([size, size]);
    expect(manifest.icons[String(size)]).toBe(iconFile(size));
  });

  it('is what scripts/build-icons.ts draws (run `npm run icons` after changing the drawing)', () => {
    expect(Buffer.from(png.data).equals(drawIcon(size))).toBe(true);
  });

  it('shows the mark: transparent corners, blue square, white ring on the left', () => {
    expect(pixel(png, 0, 0)[3]).toBe(0);
    expect(pixel(png, Math.floor(size / 2), Math.floor(size * 0.12))).toEqual([0, 102, 204, 255]);
    // The ring's left side, 0.26 of the side left of the centre, is white at every size.
    const ring = pixel(png, Math.floor(size * 0.24), Math.floor(size / 2));
    expect(Math.min(...ring.slice(0, 3))).toBeGreaterThan(200);
  });
});

it('manifest.json declares exactly the generated sizes', () => {
  expect(Object.keys(manifest.icons).map(Number)).toEqual([...ICON_SIZES]);
});

it('encodeRgbaPng writes pixels a PNG decoder reads back', () => {
  const pixels = Buffer.from([255, 0, 0, 255, 0, 255, 0, 128, 0, 0, 255, 0, 1, 2, 3, 4]);
  const png = PNG.sync.read(encodeRgbaPng(2, pixels));
  expect(Buffer.from(png.data).equals(pixels)).toBe(true);
});
