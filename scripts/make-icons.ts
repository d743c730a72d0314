// Draws the toolbar icons (a blue rounded square, three lines of text, one marked)
// into extension/icons/*.png. Run once when the design changes; the PNGs are committed.

import fs from 'node:fs';
import path from 'node:path';
import { deflateSync } from 'node:zlib';

function crc32(buf: Buffer): number {
  let c = ~0;
  for (const b of buf) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

function png(size: number, rgba: Uint8Array): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(td));
    return Buffer.concat([len, td, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8;
  ihdr[9] = 6;
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) Buffer.from(rgba.buffer, y * size * 4, size * 4).copy(raw, y * (size * 4 + 1) + 1);
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

type Shape = (x: number, y: number) => [number, number, number] | null;
const roundedSquare: Shape = (x, y) => {
  const r = 0.2;
  const dx = Math.max(Math.abs(x - 0.5) - (0.5 - r), 0);
  const dy = Math.max(Math.abs(y - 0.5) - (0.5 - r), 0);
  return dx * dx + dy * dy <= r * r ? [0, 94, 184] : null;
};
const bar =
  (x0: number, x1: number, y0: number, y1: number, color: [number, number, number]): Shape =>
  (x, y) =>
    x >= x0 && x <= x1 && y >= y0 && y <= y1 ? color : null;
const layers: Shape[] = [
  roundedSquare,
  bar(0.2, 0.8, 0.24, 0.34, [255, 255, 255]),
  bar(0.2, 0.44, 0.45, 0.55, [255, 255, 255]),
  bar(0.48, 0.8, 0.43, 0.57, [255, 209, 0]),
  bar(0.2, 0.66, 0.66, 0.76, [255, 255, 255]),
];

function draw(size: number): Uint8Array {
  const out = new Uint8Array(size * size * 4);
  const S = 4; // supersampling per axis
  for (let py = 0; py < size; py++)
    for (let px = 0; px < size; px++) {
      let r = 0,
        g = 0,
        b = 0,
        a = 0;
      for (let sy = 0; sy < S; sy++)
        for (let sx = 0; sx < S; sx++) {
          const x = (px + (sx + 0.5) / S) / size;
          const y = (py + (sy + 0.5) / S) / size;
          let c: [number, number, number] | null = null;
          for (const l of layers) c = (roundedSquare(x, y) && l(x, y)) || c;
          if (c) {
            r += c[0];
            g += c[1];
            b += c[2];
            a++;
          }
        }
      const i = (py * size + px) * 4;
      if (a) {
        out[i] = r / a;
        out[i + 1] = g / a;
        out[i + 2] = b / a;
        out[i + 3] = (255 * a) / (S * S);
      }
    }
  return out;
}

const dir = path.resolve(import.meta.dirname, '../extension/icons');
fs.mkdirSync(dir, { recursive: true });
for (const size of [16, 32, 48, 128]) fs.writeFileSync(path.join(dir, `icon-${size}.png`), png(size, draw(size)));
console.log('icons written to extension/icons');
