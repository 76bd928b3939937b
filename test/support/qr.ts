// Reads a QR code the way a phone camera would: the SVG the app serves is rasterised by hand here and decoded
// by jsQR, a reader nobody on the team wrote, so the test proves the code is scannable, not that a library ran.
import { createRequire } from 'node:module';

// jsqr is CommonJS: its module.exports is the reader function.
const jsQR = createRequire(import.meta.url)('jsqr') as typeof import('jsqr').default;

const SCALE = 4;

/** The dark modules of an SVG drawn by `qrcode` (one stroked path of M/m moves and h runs). */
function modulesOf(svg: string): { size: number; dark: Set<string> } {
  const size = Number(/viewBox="0 0 (\d+) \1"/.exec(svg)?.[1]);
  const path = /<path[^>]*stroke="#000000"[^>]*d="([^"]+)"/.exec(svg)?.[1];
  if (!size || !path) throw new Error('not a QR code SVG');
  const dark = new Set<string>();
  let x = 0;
  let y = 0;
  for (const [, command, a, b] of path.matchAll(/([MmHhVv])\s*(-?[\d.]+)(?:[ ,](-?[\d.]+))?/g)) {
    const n = Number(a);
    if (command === 'M') [x, y] = [n, Number(b)];
    else if (command === 'm') [x, y] = [x + n, y + Number(b)];
    else if (command === 'h') {
      for (let i = 0; i < n; i++) dark.add(`${x + i},${Math.floor(y)}`);
      x += n;
    } else throw new Error(`unexpected path command ${command}`);
  }
  return { size, dark };
}

export function decodeQrSvg(svg: string): string | undefined {
  const { size, dark } = modulesOf(svg);
  const width = size * SCALE;
  const pixels = new Uint8ClampedArray(width * width * 4).fill(255);
  for (let py = 0; py < width; py++) {
    for (let px = 0; px < width; px++) {
      if (!dark.has(`${Math.floor(px / SCALE)},${Math.floor(py / SCALE)}`)) continue;
      const i = (py * width + px) * 4;
      pixels[i] = pixels[i + 1] = pixels[i + 2] = 0;
    }
  }
  return jsQR(pixels, width, width)?.data;
}
