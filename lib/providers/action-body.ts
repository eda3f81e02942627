import "server-only";
// Limits on a server-action request, checked by the server entry before Next.js reads its body
// (docs/security.md): the type, the declared size, and how much a client without access may send.
import { MAX_ACTION_BODY_BYTES } from "./http-policy";

export { MAX_ACTION_BODY_BYTES };
/** A client without access may still read the environment and send its token; nothing bigger. */
export const MAX_UNGRANTED_BODY_BYTES = 16 * 1024;
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
