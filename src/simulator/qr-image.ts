import { createHash } from 'node:crypto';
import { encodePng, type Rgb } from './png.ts';

const MODULES = 25;
const QUIET_ZONE = 4;
const SCALE = 6;
const BLACK: Rgb = [0, 0, 0];
const WHITE: Rgb = [255, 255, 255];

function isFinder(x: number, y: number): boolean | undefined {
  for (const [left, top] of [[0, 0], [MODULES - 7, 0], [0, MODULES - 7]] as const) {
    const dx = x - left;
    const dy = y - top;
    if (dx >= -1 && dx <= 7 && dy >= -1 && dy <= 7) {
      if (dx < 0 || dy < 0 || dx > 6 || dy > 6) return false; // the white separator
      const ring = Math.max(Math.abs(dx - 3), Math.abs(dy - 3));
      return ring !== 2;
    }
  }
  return undefined;
}

/**
 * A picture that looks like a QR code (finder and timing patterns, modules drawn from a hash of
 * the text) without being one: nothing could read it, and nothing needs to, since the phone is
 * the control page.
 */
export function qrLikePng(text: string): Buffer {
  let bits = Buffer.alloc(0);
  for (let round = 0; bits.length * 8 < MODULES * MODULES; round++) {
    bits = Buffer.concat([bits, createHash('sha256').update(`${round}:${text}`).digest()]);
  }
  const dark = (x: number, y: number): boolean => {
    const finder = isFinder(x, y);
    if (finder !== undefined) return finder;
    if (x === 6 || y === 6) return (x + y) % 2 === 0;
    const bit = y * MODULES + x;
    return ((bits[bit >> 3] ?? 0) >> (bit & 7)) % 2 === 1;
  };
  const size = (MODULES + 2 * QUIET_ZONE) * SCALE;
  return encodePng(size, size, (px, py) => {
    const x = Math.floor(px / SCALE) - QUIET_ZONE;
    const y = Math.floor(py / SCALE) - QUIET_ZONE;
    const inside = x >= 0 && y >= 0 && x < MODULES && y < MODULES;
    return inside && dark(x, y) ? BLACK : WHITE;
  });
}

/** A small flat logo for the asset URLs the SDK builds from `displayHints.logo`. */
export function logoPng(name: string): Buffer {
  const [r = 0, g = 0, b = 0] = createHash('sha256').update(name).digest();
  return encodePng(48, 30, (x, y) => (x < 2 || y < 2 || x > 45 || y > 27 ? [40, 40, 40] : [r, g, b]));
}
