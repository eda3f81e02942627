import "server-only";
// Limits on a server-action request, checked by the server entry on the raw bytes before Next.js
// decodes them (docs/security.md). Next's decoder walks the JSON recursively, so a body nested
// 10,000 deep overflows its stack and a million-item array exhausts it, and either ends in a bare
// HTTP 500; here they end in a 4xx with a sentence, at a cost linear in the bytes.
import { MAX_JSON_DEPTH } from "@/lib/cache/experiment-limits";
import { MAX_ACTION_BODY_BYTES } from "./http-policy";

export { MAX_ACTION_BODY_BYTES };
/** A client without access may still read the environment and send its token; nothing bigger. */
export const MAX_UNGRANTED_BODY_BYTES = 16 * 1024;
/** An experiment may nest MAX_JSON_DEPTH levels; the action's arguments wrap it in two more. */
export const MAX_ACTION_JSON_DEPTH = MAX_JSON_DEPTH + 4;
/**
 * Array items and object members in one call. A 200-block experiment holds a few thousand; zod
 * needs about 1 s to reject 50,000 members of invalid tools, so this bounds what one request costs.
 */
export const MAX_ACTION_JSON_VALUES = 50_000;

export interface Refusal {
  status: 400 | 401 | 405 | 411 | 413 | 415 | 429;
  message: string;
  retryAfterSeconds?: number;
}

const mb = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(1)} MB`;

export const BODY_MESSAGES = {
  notAnAction: "CacheLab accepts POST only for its server actions.",
  contentType: "CacheLab's server actions take a JSON body sent as text/plain, as the page sends them.",
  noLength: "A CacheLab server action needs a Content-Length: send the body in one piece.",
  tooLarge: (bytes: number) => `The request is ${mb(bytes)}; CacheLab's server actions accept at most ${mb(MAX_ACTION_BODY_BYTES)}.`,
  ungrantedTooLarge: (message: string) => `${message} (Without access, a request may carry at most ${MAX_UNGRANTED_BODY_BYTES / 1024} KB.)`,
  notJson: "The action request is not JSON.",
  notArguments: "The action request must be a JSON array of arguments.",
  tooDeep: `The action request nests more than ${MAX_ACTION_JSON_DEPTH} levels deep; flatten the experiment.`,
  tooMany: `The action request holds more than ${MAX_ACTION_JSON_VALUES.toLocaleString("en-US")} JSON values; split the experiment.`,
} as const;

/** "text/plain" or "text/plain;charset=UTF-8": what Next's client sends for JSON-only arguments. */
export function isActionContentType(value: string | undefined): boolean {
  if (!value) return false;
  const [type, ...params] = value.split(";").map((p) => p.trim().toLowerCase());
  return type === "text/plain" && params.every((p) => p === "" || p === "charset=utf-8");
}

/** The declared length, checked before a byte is read. */
export function checkDeclaredLength(contentLength: string | undefined, transferEncoding: string | undefined): Refusal | null {
  if (transferEncoding !== undefined || contentLength === undefined || !/^\d+$/.test(contentLength)) return { status: 411, message: BODY_MESSAGES.noLength };
  const bytes = Number(contentLength);
  return bytes > MAX_ACTION_BODY_BYTES ? { status: 413, message: BODY_MESSAGES.tooLarge(bytes) } : null;
}

const OPEN_OBJECT = 0x7b;
const OPEN_ARRAY = 0x5b;
const CLOSE_OBJECT = 0x7d;
const CLOSE_ARRAY = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * Depth and value count (commas and colons outside strings) from the bytes, without building anything; then JSON.parse, which is safe
 * once the depth is bounded. Next's client encodes JSON-only arguments as one JSON array.
 */
export function checkActionBody(body: Buffer): Refusal | null {
  let depth = 0;
  let values = 1;
  let inString = false;
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
      continue;
    }
    if (c === QUOTE) inString = true;
    else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      if (++depth > MAX_ACTION_JSON_DEPTH) return { status: 400, message: BODY_MESSAGES.tooDeep };
    } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) depth--;
    else if ((c === COMMA || c === COLON) && ++values > MAX_ACTION_JSON_VALUES) return { status: 400, message: BODY_MESSAGES.tooMany };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString("utf8"));
  } catch {
    return { status: 400, message: BODY_MESSAGES.notJson };
  }
  return Array.isArray(parsed) ? null : { status: 400, message: BODY_MESSAGES.notArguments };
}
