import { crc32, deflateSync } from 'node:zlib';

export type Rgb = readonly [number, number, number];

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
}

/** A PNG of filtered `rows` (each row led by its filter type byte); `level` is zlib's, its default when absent. */
export function pngFile(width: number, height: number, bitDepth: number, colourType: number, rows: Buffer, level?: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([bitDepth, colourType, 0, 0, 0], 8); // deflate, no filter method, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, level === undefined ? {} : { level })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A truecolour PNG, built by hand so the simulator needs no image library. */
export function encodePng(width: number, height: number, colourAt: (x: number, y: number) => Rgb): Buffer {
  const rows = Buffer.alloc(height * (1 + width * 3));
  for (let y = 0; y < height; y++) {
    const rowStart = y * (1 + width * 3); // each row starts with filter type 0
    for (let x = 0; x < width; x++) rows.set(colourAt(x, y), rowStart + 1 + x * 3);
  }
  return pngFile(width, height, 8, 2, rows);
}

/** A one-bit greyscale PNG (black where `isDark`), the kind of QR code image the platform sends. */
export function encodeBilevelPng(width: number, height: number, isDark: (x: number, y: number) => boolean): Buffer {
  const stride = 1 + Math.ceil(width / 8);
  const rows = Buffer.alloc(height * stride);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      // A set bit is white in greyscale, so light pixels are the ones marked.
      const at = y * stride + 1 + (x >> 3);
      if (!isDark(x, y)) rows[at] = (rows[at] ?? 0) | (0x80 >> (x & 7));
    }
  }
  return pngFile(width, height, 1, 0, rows);
}
