// Text that changes from one request to the next (a timestamp, a request id) placed before a
// breakpoint changes the prefix hash, so every call writes and none reads (reference/anthropic-caching.md
// §1.2: "100% identical prompt segments"). These patterns catch the usual suspects.

export interface DynamicMatch {
  kind: string;
  text: string;
}

// Ordered from most to least specific so a datetime is reported as one, not as a date.
const PATTERNS: readonly { kind: string; pattern: RegExp }[] = [
  { kind: "a timestamp", pattern: /\b\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?/ },
  { kind: "a UUID", pattern: /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/i },
  { kind: "a date", pattern: /\b\d{4}-\d{2}-\d{2}\b/ },
  { kind: "a time of day", pattern: /\b\d{1,2}:\d{2}:\d{2}\b/ },
  { kind: "a Unix timestamp", pattern: /\b1[5-9]\d{8}(?:\d{3})?\b/ },
  { kind: "a long random hex string", pattern: /\b(?=[0-9a-f]{0,63}\d)(?=[0-9a-f]{0,63}[a-f])[0-9a-f]{24,64}\b/i },
  {
    kind: "a reference to the current date or time",
    pattern: /\b(?:today is|today's date|the current (?:date|time)|current date|current time|the date is|the time is|as of today|right now it is)\b/i,
  },
];

/** Longest text scanned per value: enough for any real header; keeps a 150k-token document cheap. */
const SCAN_LIMIT = 200_000;

/** The first dynamic-looking piece of `text`, if any. */
export function findDynamicContent(text: string): DynamicMatch | null {
  const scanned = text.length > SCAN_LIMIT ? text.slice(0, SCAN_LIMIT) : text;
  for (const { kind, pattern } of PATTERNS) {
    const match = pattern.exec(scanned);
    if (match) return { kind, text: match[0] };
  }
  return null;
}
