import { randomInt } from 'node:crypto';
import { encodePng } from './png.ts';

// The picture pair of UESTC's slider captcha (openSliderCaptcha.htl): a background with a piece-shaped hole
// (bigImage) and the piece cut from it (smallImage), drawn at a random place on a random pattern.

export const PUZZLE_WIDTH = 280;
export const PUZZLE_HEIGHT = 155;
/** The piece's box (the real answer's tagWidth). */
export const PIECE_SIZE = 44;

export interface Puzzle {
  bigImage: Buffer;
  smallImage: Buffer;
  /** Where the piece's box starts: x is the answer, y is sent along (yHeight) so the page can place the piece. */
  x: number;
  y: number;
}

type Rgb = [number, number, number];

/** A square body with a round knob on top and one on the right, inside a PIECE_SIZE box. */
function inPiece(dx: number, dy: number): boolean {
  if (dx >= 0 && dx < 36 && dy >= 8 && dy < PIECE_SIZE) return true;
  const knob = (cx: number, cy: number) => (dx - cx) ** 2 + (dy - cy) ** 2 <= 49;
  return knob(18, 8) || knob(36, 26);
}

/** Inside the piece but within 2 px of its outline. */
function onOutline(dx: number, dy: number): boolean {
  if (!inPiece(dx, dy)) return false;
  return !(inPiece(dx - 2, dy) && inPiece(dx + 2, dy) && inPiece(dx, dy - 2) && inPiece(dx, dy + 2));
}

function randomColour(): Rgb {
  return [randomInt(40, 220), randomInt(40, 220), randomInt(40, 220)];
}

/** A random pattern: a diagonal blend of two colours, overlaid with soft discs and stripes. */
function background(): (x: number, y: number) => Rgb {
  const [from, to] = [randomColour(), randomColour()];
  const discs = Array.from({ length: 9 }, () => ({ cx: randomInt(PUZZLE_WIDTH), cy: randomInt(PUZZLE_HEIGHT), r: randomInt(12, 46), c: randomColour() }));
  const stripe = randomInt(9, 19);
  return (x, y) => {
    const t = (x / PUZZLE_WIDTH + y / PUZZLE_HEIGHT) / 2;
    let c: Rgb = [0, 1, 2].map((i) => from[i]! * (1 - t) + to[i]! * t) as Rgb;
    for (const d of discs) {
      if ((x - d.cx) ** 2 + (y - d.cy) ** 2 <= d.r ** 2) c = [0, 1, 2].map((i) => (c[i]! + d.c[i]!) / 2) as Rgb;
    }
    const shade = Math.floor((x + y) / stripe) % 2 === 0 ? 1 : 0.9;
    return c.map((v) => Math.round(v * shade)) as Rgb;
  };
}

export function drawPuzzle(): Puzzle {
  // The hole never starts under the slider's handle: at least a piece's width away from the left edge.
  const x = randomInt(PIECE_SIZE + 16, PUZZLE_WIDTH - PIECE_SIZE - 8);
  const y = randomInt(8, PUZZLE_HEIGHT - PIECE_SIZE - 8);
  const paint = background();
  const big = new Uint8Array(PUZZLE_WIDTH * PUZZLE_HEIGHT * 4);
  for (let py = 0; py < PUZZLE_HEIGHT; py++) {
    for (let px = 0; px < PUZZLE_WIDTH; px++) {
      let [r, g, b] = paint(px, py);
      const dx = px - x;
      const dy = py - y;
      if (onOutline(dx, dy)) [r, g, b] = [235, 235, 235];
      else if (inPiece(dx, dy)) [r, g, b] = [r * 0.4, g * 0.4, b * 0.4];
      big.set([r, g, b, 255], (py * PUZZLE_WIDTH + px) * 4);
    }
  }
  const small = new Uint8Array(PIECE_SIZE * PIECE_SIZE * 4);
  for (let dy = 0; dy < PIECE_SIZE; dy++) {
    for (let dx = 0; dx < PIECE_SIZE; dx++) {
      if (!inPiece(dx, dy)) continue;
      const [r, g, b] = onOutline(dx, dy) ? [255, 255, 255] : paint(x + dx, y + dy);
      small.set([r, g, b, 255], (dy * PIECE_SIZE + dx) * 4);
    }
  }
  return { bigImage: encodePng(PUZZLE_WIDTH, PUZZLE_HEIGHT, big), smallImage: encodePng(PIECE_SIZE, PIECE_SIZE, small), x, y };
}
