import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { pngFile } from '../src/simulator/png.ts';

/**
 * The extension's icon, drawn from one geometric description at every size the stores and
 * browsers ask for, so the sizes always agree. `npm run icons` writes public/icon-<size>.png;
 * the PNGs are committed, and a unit test checks they are what this draws.
 */
export const ICON_SIZES = [16, 32, 48, 128] as const;

const BLUE = [0, 102, 204] as const;
const WHITE = [255, 255, 255] as const;
/** Samples per pixel side: 4 × 4 gives smooth edges even at 16 px. */
const SUPERSAMPLE = 4;

// The shape, in units of the icon's side: a rounded blue square holding a white "C" open to the
// right, with a dot in its mouth.
const CORNER = 0.19;
const RING = { radius: 0.26, halfWidth: 0.052, gapHalfAngle: (50 * Math.PI) / 180 };
const DOT = { x: 0.645, y: 0.5, radius: 0.062 };

function insideRoundedSquare(x: number, y: number): boolean {
  const dx = Math.max(CORNER - x, 0, x - (1 - CORNER));
  const dy = Math.max(CORNER - y, 0, y - (1 - CORNER));
  return dx * dx + dy * dy <= CORNER * CORNER;
}

function insideMark(x: number, y: number): boolean {
  const px = x - 0.5;
  const py = y - 0.5;
  if (Math.hypot(x - DOT.x, y - DOT.y) <= DOT.radius) return true;
  const angle = Math.atan2(py, px);
  if (Math.abs(angle) >= RING.gapHalfAngle) return Math.abs(Math.hypot(px, py) - RING.radius) <= RING.halfWidth;
  // Round caps at both ends of the opening.
  const capX = RING.radius * Math.cos(RING.gapHalfAngle);
  const capY = RING.radius * Math.sin(RING.gapHalfAngle) * Math.sign(py || 1);
  return Math.hypot(px - capX, py - capY) <= RING.halfWidth;
}

/** Straight (not premultiplied) RGBA pixels of the icon at `size` × `size`, row by row. */
export function drawIcon(size: number): Buffer {
  const pixels = Buffer.alloc(size * size * 4);
  const samples = SUPERSAMPLE * SUPERSAMPLE;
  for (let row = 0; row < size; row++) {
    for (let column = 0; column < size; column++) {
      let covered = 0;
      let white = 0;
      for (let sy = 0; sy < SUPERSAMPLE; sy++) {
        for (let sx = 0; sx < SUPERSAMPLE; sx++) {
          const x = (column + (sx + 0.5) / SUPERSAMPLE) / size;
          const y = (row + (sy + 0.5) / SUPERSAMPLE) / size;
          if (!insideRoundedSquare(x, y)) continue;
          covered++;
          if (insideMark(x, y)) white++;
        }
      }
      const at = (row * size + column) * 4;
      if (covered === 0) continue;
      for (let channel = 0; channel < 3; channel++) {
        pixels[at + channel] = Math.round(((BLUE[channel] ?? 0) * (covered - white) + (WHITE[channel] ?? 0) * white) / covered);
      }
      pixels[at + 3] = Math.round((255 * covered) / samples);
    }
  }
  return pixels;
}

/** An 8-bit RGBA PNG of `pixels` (as drawIcon gives them). */
export function encodeRgbaPng(size: number, pixels: Buffer): Buffer {
  const stride = size * 4;
  const rows = Buffer.alloc(size * (1 + stride));
  for (let row = 0; row < size; row++) pixels.copy(rows, row * (1 + stride) + 1, row * stride, (row + 1) * stride);
  // 8 bits, RGBA (colour type 6), the smallest file zlib makes.
  return pngFile(size, size, 8, 6, rows, 9);
}

export const iconFile = (size: number) => `icon-${size}.png`;

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const publicDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../public');
  for (const size of ICON_SIZES) {
    const file = path.join(publicDir, iconFile(size));
    writeFileSync(file, encodeRgbaPng(size, drawIcon(size)));
    console.log(`Wrote ${path.relative(process.cwd(), file)}`);
  }
}
