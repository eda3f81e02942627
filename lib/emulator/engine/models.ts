// Which models the emulator answers for. The catalog (lib/cache/catalog.ts) is the source; the first-party
// ids the SDK's `Model` union lists but the catalog does not price yet are accepted too, so a request the
// real API would serve never gets a 404 here (docs/reference/anthropic-caching.md §6.6). Their minimums are
// not published (docs/reference/anthropic-caching.md §1.5, §9): each takes its predecessor's, as noted.
import { findModel, minCacheableTokens } from "@/lib/cache/catalog";
import type { ProviderId } from "@/lib/cache/wire-types";

export interface EmulatedModel {
  /** Cache identity: dated snapshots and provider ids of one model share it. */
  id: string;
  minimum: number;
}

const UNPRICED: Record<string, { minimum: number; note: string }> = {
  "claude-mythos-preview": { minimum: 2048, note: "docs: Opus 4.7 / Mythos Preview 2,048" },
  "claude-mythos-5": { minimum: 512, note: "docs: Opus 5 / Fable 5 / Mythos 5 512" },
  "claude-fable-5-1": { minimum: 512, note: "third-party release notes: Fable 5.1 keeps 512" },
  "claude-mythos-5-1": { minimum: 512, note: "assumed: Mythos 5's" },
  "claude-fable-5-2": { minimum: 512, note: "assumed: Fable 5.1's" },
  "claude-mythos-5-2": { minimum: 512, note: "assumed: Mythos 5's" },
  "claude-opus-5-5": { minimum: 512, note: "assumed: Opus 5's" },
  "claude-sonnet-5-5": { minimum: 1024, note: "assumed: Sonnet 5's" },
  "claude-haiku-5-5": { minimum: 4096, note: "assumed: Haiku 4.5's" },
};

function unpriced(id: string, provider: ProviderId): EmulatedModel | undefined {
  let base = id;
  if (provider === "bedrock") {
    const m = /^(?:(?:global|us|eu|jp|apac|au)\.)?anthropic\.(.+)$/.exec(id);
    if (!m) return undefined;
    base = m[1]!;
  }
  const known = UNPRICED[base];
  return known ? { id: base, minimum: known.minimum } : undefined;
}

/** The model a request names on a provider, or undefined (the API's 404 "model: <id>"). */
export function resolveModel(id: string, provider: ProviderId): EmulatedModel | undefined {
  if (provider === "bedrock") {
    // Bedrock also takes the ARN of a foundation model or a system inference profile
    // (docs/reference/anthropic-caching.md §6.1):
    // arn:aws:bedrock:<region>:<account>:(foundation-model|inference-profile)/<model id>.
    const arn = /^arn:aws[\w-]*:bedrock:[^:]*:[^:]*:(?:foundation-model|inference-profile)\/(.+)$/.exec(id);
    if (arn) return resolveModel(arn[1]!, provider);
  }
  const model = findModel(id);
  if (model) return model.ids[provider] ? { id: model.id, minimum: minCacheableTokens(model, provider) } : undefined;
  return unpriced(id, provider);
}

/**
 * Models that take `role: "system"` messages mid-conversation (docs/reference/anthropic-caching.md §1.7:
 * Fable 5, Mythos 5, Opus 4.8, Opus 5, not Sonnet 5; §5.3 "Opus 4.8+"); their later versions are assumed to
 * as well.
 */
const SYSTEM_MESSAGE_MODELS = new Set([
  "claude-opus-4-8",
  "claude-opus-5",
  "claude-opus-5-5",
  "claude-fable-5",
  "claude-fable-5-1",
  "claude-fable-5-2",
  "claude-mythos-5",
  "claude-mythos-5-1",
  "claude-mythos-5-2",
]);

export function acceptsSystemMessages(model: EmulatedModel): boolean {
  return SYSTEM_MESSAGE_MODELS.has(model.id);
}
