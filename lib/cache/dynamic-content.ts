// Text that changes from one request to the next (a timestamp, a request id) placed before a breakpoint
// changes the prefix hash, so every call writes and none reads (docs/reference/anthropic-caching.md §1.2:
// "100% identical prompt segments"). These patterns catch the usual suspects.

export interface DynamicMatch {
  kind: string;
  text: string;
}

// Ordered from most to least specific so a datetime is reported as one, not as a date. Hex-like
// strings (UUIDs, request ids, hashes) are found by `findHexRun`, which is several times faster than
// a regex on long prose.
const PATTERNS: readonly { kind: string; pattern: RegExp }[] = [
  { kind: "a timestamp", pattern: /\b\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?/ },
  { kind: "a date", pattern: /\b\d{4}-\d{2}-\d{2}\b/ },
  { kind: "a time of day", pattern: /\b\d{1,2}:\d{2}:\d{2}\b/ },
  { kind: "a Unix timestamp", pattern: /\b1[5-9]\d{8}(?:\d{3})?\b/ },
  {
    kind: "a reference to the current date or time",
    pattern: /\b(?:today is|today's date|the current (?:date|time)|current date|current time|the date is|the time is|as of today|right now it is)\b/i,
  },
];

/** Longest text scanned per value: enough for any real header; keeps a 150k-token document cheap. */
const SCAN_LIMIT = 200_000;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const isHex = (c: number) => (c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
const isWord = (c: number) => (c >= 48 && c <= 57) || (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;

const isHexOrDash = (c: number) => isHex(c) || c === 45;

/**
 * A UUID, or a run of 24+ hex digits mixing digits and letters, standing as its own word. Such ids
 * always hold a digit, so the scan jumps from digit to digit with a native regex and only looks
 * around those; prose with few digits costs almost nothing.
 */
function findHexRun(text: string): DynamicMatch | null {
  const n = text.length;
  const digit = /\d/g;
  for (let m = digit.exec(text); m !== null; m = digit.exec(text)) {
    let start = m.index;
    let end = m.index + 1;
    while (start > 0 && isHexOrDash(text.charCodeAt(start - 1))) start--;
    while (end < n && isHexOrDash(text.charCodeAt(end))) end++;
    digit.lastIndex = end;
    while (start < end && text.charCodeAt(start) === 45) start++;
    while (end > start && text.charCodeAt(end - 1) === 45) end--;
    if (end - start < 24) continue;
    if ((start > 0 && isWord(text.charCodeAt(start - 1))) || (end < n && isWord(text.charCodeAt(end)))) continue;
    const run = text.slice(start, end);
    if (UUID.test(run)) return { kind: "a UUID", text: run };
    for (const part of run.split("-")) {
      if (part.length >= 24 && /\d/.test(part) && /[a-f]/i.test(part)) return { kind: "a long random hex string", text: part };
    }
  }
  return null;
}

// Memoised by the text itself, like the prefix walk (prefix.ts): the preview rescans on every edit and
// unchanged blocks keep their string, so only edited text is scanned again.
const MEMO_LIMIT = 4096;
const memo = new Map<string, DynamicMatch | null>();

/** The first dynamic-looking piece of `text`, if any. */
export function findDynamicContent(text: string): DynamicMatch | null {
  const hit = memo.get(text);
  if (hit !== undefined) return hit;
  if (memo.size >= MEMO_LIMIT) memo.clear();
  const found = scanDynamicContent(text);
  memo.set(text, found);
  return found;
}

function scanDynamicContent(text: string): DynamicMatch | null {
  const scanned = text.length > SCAN_LIMIT ? text.slice(0, SCAN_LIMIT) : text;
  const timestamp = PATTERNS[0]!.pattern.exec(scanned);
  if (timestamp) return { kind: PATTERNS[0]!.kind, text: timestamp[0] };
  const hex = findHexRun(scanned);
  if (hex) return hex;
  for (const { kind, pattern } of PATTERNS.slice(1)) {
    const match = pattern.exec(scanned);
    if (match) return { kind, text: match[0] };
  }
  return null;
}
