import "server-only";
// No secret in any error message, log or return value (docs/design.md §10). Provider messages are
// passed on to the user, and a provider (or a proxy) may quote what it received: the whole key, a
// masked one, half of it, its base64 or URL-encoded form, padded with spaces, inside JSON. So
// redaction works by construction, not by pattern: every configured secret (trimmed, as the clients
// trim it) and every credential header a client actually sent is known, and any run of 8 or more of
// its characters, in the clear, in base64 (at each of the three byte alignments) or URL-encoded, is
// cut out of the text. A few key shapes are cut as well, for credentials no one configured here.
import type { AppError } from "@/lib/cache/result";
import { secretValues } from "./config";

/** Shorter runs are too common in ordinary text to be evidence of a secret. */
export const MIN_SECRET_RUN = 8;
const MASK = "[redacted]";

const KEY_PATTERNS = [
  /sk-ant-[A-Za-z0-9_-]+/g, // Anthropic API keys
  /\bsk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}/g, // OpenAI API keys
  /\b(?:AKIA|ASIA)[A-Z0-9]{12,}\b/g, // AWS access key ids
  /\bya29\.[A-Za-z0-9._-]+/g, // Google OAuth access tokens
  /\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/g, // JSON Web Tokens (a Vertex service account's self-signed bearer)
  /\bBearer\s+[A-Za-z0-9._~+/=-]{8,}/gi,
  /\b(?:x-api-key|api-key|authorization|x-amz-security-token)\s*[:=]\s*\S+/gi,
];

/** The forms a secret may take in a message: as is, base64 and base64url at each alignment, URL-encoded. */
export function secretForms(secret: string): string[] {
  const forms = new Set<string>([secret]);
  for (let offset = 0; offset < 3 && offset < secret.length; offset++) {
    const bytes = Buffer.from(secret.slice(offset), "utf8");
    // Characters that depend on the bytes after the cut are left out: a quoted fragment ends anywhere.
    const b64 = bytes.toString("base64").replace(/=+$/, "");
    forms.add(b64);
    forms.add(bytes.toString("base64url"));
  }
  const url = encodeURIComponent(secret);
  forms.add(url);
  forms.add(url.replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase()));
  forms.add(encodeURIComponent(secret).replace(/%20/g, "+"));
  return [...forms];
}

export type Redactor = (text: string) => string;

/** A redactor for these secrets: any run of MIN_SECRET_RUN or more characters of any of their forms goes. */
export function createRedactor(secrets: Iterable<string>): Redactor {
  const grams = new Set<string>();
  const exact: string[] = [];
  for (const raw of secrets) {
    const secret = raw.trim();
    if (secret.length === 0) continue;
    if (secret.length < MIN_SECRET_RUN) {
      if (secret.length >= 4) exact.push(secret);
      continue;
    }
    for (const form of secretForms(secret)) for (let i = 0; i + MIN_SECRET_RUN <= form.length; i++) grams.add(form.slice(i, i + MIN_SECRET_RUN));
  }
  return (text) => {
    let out = text;
    if (grams.size > 0 && out.length >= MIN_SECRET_RUN) {
      // Mark every character covered by a run of the secret, then replace each marked stretch once.
      const marked = new Uint8Array(out.length);
      let any = false;
      for (let i = 0; i + MIN_SECRET_RUN <= out.length; i++) {
        if (grams.has(out.slice(i, i + MIN_SECRET_RUN))) {
          marked.fill(1, i, i + MIN_SECRET_RUN);
          any = true;
        }
      }
      if (any) {
        let next = "";
        for (let i = 0; i < out.length; ) {
          if (!marked[i]) {
            next += out[i++];
            continue;
          }
          while (i < out.length && marked[i]) i++;
          next += MASK;
        }
        out = next;
      }
    }
    for (const secret of exact) out = out.split(secret).join(MASK);
    for (const pattern of KEY_PATTERNS) out = out.replace(pattern, MASK);
    return out;
  };
}

let cached: { key: string; redactor: Redactor } | null = null;

/** Scrubs the server's configured secrets (and `extra`, e.g. the credential headers a run sent) from text. */
export function redact(text: string, secrets: readonly string[] = secretValues(), extra: Iterable<string> = []): string {
  const extras = [...extra];
  if (extras.length > 0) return createRedactor([...secrets, ...extras])(text);
  const key = secrets.join("\u0000");
  if (cached?.key !== key) cached = { key, redactor: createRedactor(secrets) };
  return cached.redactor(text);
}

/** An error with every sentence in it scrubbed (its message and its issues). */
export function redactError(error: AppError, extra: Iterable<string> = []): AppError {
  const extras = [...extra];
  const scrub = (text: string) => redact(text, secretValues(), extras);
  return { ...error, message: scrub(error.message), ...(error.issues ? { issues: error.issues.map((i) => ({ path: scrub(i.path), message: scrub(i.message) })) } : {}) };
}
