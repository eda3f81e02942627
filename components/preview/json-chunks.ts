// Splits a long JSON text into chunks of whole lines, so the preview can hand the browser many
// small blocks: after an edit only the chunks whose text changed are touched and laid out again.
// Joined, the chunks are the text, byte for byte.
//
// Where a chunk ends depends on the text around the cut, not on a line count from the top
// (content-defined chunking): a chunk ends after a line that closes an object or array, once it has
// MIN_CHUNK_LINES lines, when the line before that one hashes to a multiple of SPREAD. Adding a
// cache_control (three lines) then changes one chunk; the chunks after it keep their text, so they
// keep their DOM nodes, instead of every later chunk shifting by three lines.
export const MIN_CHUNK_LINES = 8;
/** A run of lines with no eligible cut (e.g. one long array of numbers) is cut here anyway. */
export const MAX_CHUNK_LINES = 200;
const SPREAD = 2;
/** Characters of a line that feed its hash; enough to tell "Part 12." from "Part 13.". */
const HASHED_CHARS = 48;

export interface JsonChunk {
  text: string;
  lines: number;
}

function closesValue(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 32) continue;
    return c === 125 || c === 93; // } or ]
  }
  return false;
}

function lineHash(text: string, start: number, end: number): number {
  let h = end - start;
  for (let i = start, stop = Math.min(end, start + HASHED_CHARS); i < stop; i++) h = (Math.imul(h, 31) + text.charCodeAt(i)) | 0;
  return h >>> 0;
}

export function chunkLines(text: string): JsonChunk[] {
  const chunks: JsonChunk[] = [];
  let start = 0;
  let lines = 0;
  let previousLine = 0;
  for (let lineStart = 0; ; ) {
    const newline = text.indexOf("\n", lineStart);
    if (newline === -1) break;
    lines++;
    const cut =
      lines >= MAX_CHUNK_LINES ||
      (lines >= MIN_CHUNK_LINES && closesValue(text, lineStart, newline) && lineHash(text, previousLine, lineStart) % SPREAD === 0);
    previousLine = lineStart;
    lineStart = newline + 1;
    if (!cut) continue;
    chunks.push({ text: text.slice(start, lineStart), lines });
    start = lineStart;
    lines = 0;
  }
  if (start < text.length || chunks.length === 0) chunks.push({ text: text.slice(start), lines: lines + 1 });
  return chunks;
}
