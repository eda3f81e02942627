import "server-only";
// No secret in any error message, log or return value (docs/design.md §10): provider messages are passed on
// to the user, so anything that looks like a credential is cut out first.
import { secretValues } from "./config";

const KEY_PATTERNS = [
  /sk-ant-[A-Za-z0-9_-]+/g, // Anthropic API keys
  /\bsk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}/g, // OpenAI API keys
  /\b(?:AKIA|ASIA)[A-Z0-9]{12,}\b/g, // AWS access key ids
  /\bya29\.[A-Za-z0-9._-]+/g, // Google OAuth access tokens
  /\bBearer\s+[A-Za-z0-9._~+/=-]{8,}/gi,
  /\b(?:x-api-key|api-key|authorization)\s*[:=]\s*\S+/gi,
];

export function redact(text: string, secrets: readonly string[] = secretValues()): string {
  let out = text;
  for (const secret of secrets) out = out.split(secret).join("[redacted]");
  for (const pattern of KEY_PATTERNS) out = out.replace(pattern, "[redacted]");
  return out;
}
