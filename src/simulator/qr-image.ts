import { createHash } from 'node:crypto';
import QRCode from 'qrcode';
import { encodeBilevelPng, encodePng } from './png.ts';

/** The Bancontact example's QR code is a 200×200 image; a quiet zone of four modules is the QR standard's. */
const IMAGE_SIZE = 200;
const QUIET_ZONE = 4;

/**
 * A real QR code of `text` (qrcode builds the symbol), drawn as a one-bit PNG of 200×200 like the
 * one in Worldline's Bancontact example, so a phone or any QR reader decodes it.
 */
export function qrCodePng(text: string): Buffer {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const scale = Math.max(1, Math.floor(IMAGE_SIZE / (modules.size + 2 * QUIET_ZONE)));
  const size = Math.max(IMAGE_SIZE, (modules.size + 2 * QUIET_ZONE) * scale);
  const offset = Math.floor((size - modules.size * scale) / 2);
  return encodeBilevelPng(size, size, (px, py) => {
    const x = Math.floor((px - offset) / scale);
    const y = Math.floor((py - offset) / scale);
    const inside = px >= offset && py >= offset && x < modules.size && y < modules.size;
    return inside && modules.get(y, x) === 1;
  });
}

/** A small flat logo for the asset URLs the SDK builds from `displayHints.logo`. */
export function logoPng(name: string): Buffer {
  const [r = 0, g = 0, b = 0] = createHash('sha256').update(name).digest();
  return encodePng(48, 30, (x, y) => (x < 2 || y < 2 || x > 45 || y > 27 ? [40, 40, 40] : [r, g, b]));
}
