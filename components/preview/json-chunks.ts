// Splits a long JSON text into chunks of whole lines, so the preview can hand the browser many
// small text nodes: after an edit only the chunks whose text changed are touched in the DOM.
// Joined, the chunks are the text, byte for byte.
export const LINES_PER_CHUNK = 200;

export interface JsonChunk {
  text: string;
  lines: number;
}

export function chunkLines(text: string, linesPerChunk = LINES_PER_CHUNK): JsonChunk[] {
  const chunks: JsonChunk[] = [];
  let start = 0;
  let lines = 0;
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) !== 10) continue;
    lines++;
    if (lines === linesPerChunk) {
      chunks.push({ text: text.slice(start, i + 1), lines });
      start = i + 1;
      lines = 0;
    }
  }
  if (start < text.length || chunks.length === 0) chunks.push({ text: text.slice(start), lines: lines + 1 });
  return chunks;
}
