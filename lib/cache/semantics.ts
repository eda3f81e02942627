// Which Pydantic AI release's request building an experiment reproduces. The document names it in
// `semantics`; absent means v1.74.0, so every document written before the switch keeps its meaning.
// Each flag is one difference between the releases, read from the source at the tag and executed
// (docs/reference/pydantic-ai-2.md §1 table, §2; docs/reference/pydantic-ai-caching.md for v1.74.0).
// Every rule that depends on the release reads it from here, never from a version string.
import type { ProviderId, Ttl } from "./wire-types";

export const SEMANTICS = ["pydantic-ai@1.74", "pydantic-ai@1.107", "pydantic-ai@2.33"] as const;
export type Semantics = (typeof SEMANTICS)[number];

/** What a document without `semantics` means: the release CacheLab reproduced first. */
const DEFAULT_SEMANTICS: Semantics = "pydantic-ai@1.74";
/** What a new experiment made in the UI starts on: the newest release read. */
export const NEW_EXPERIMENT_SEMANTICS: Semantics = "pydantic-ai@2.33";

export interface SemanticsRules {
  semantics: Semantics;
  /** The tag whose source was read and run (pydantic-ai-2.md header; v1.107.0 → .5 leave anthropic.py unchanged). */
  release: "1.74.0" | "1.107.5" | "2.33.0";
  /** "Pydantic AI 2.33", for labels and sentences. */
  label: string;
  /**
   * `ttl` on an AsyncAnthropicBedrock client when the document does not say: v1.74.0 strips it
   * (docs/reference/pydantic-ai-caching.md §8); #4915 (v1.75.0) stopped stripping it (docs/reference/pydantic-ai-2.md §1 #1, §2.2).
   */
  bedrockTtlDefault: "omit" | "send";
  /** `anthropic_cache` (settings.cache) exists: #4840, v1.83.0 (docs/reference/pydantic-ai-2.md §2.3). */
  automaticCache: boolean;
  /**
   * Instructions are their own system blocks, one per part, static first, and any instruction makes
   * `system` a block list: #4865, v1.77.0 (docs/reference/pydantic-ai-2.md §2.5). v1.74.0 joins them into the system text.
   */
  instructionBlocks: boolean;
  /**
   * What cache_messages does to the last message (docs/reference/pydantic-ai-2.md §2.4 table): "overwrite" (v1.74.0),
   * "keep" an existing cache_control and otherwise mark the last block (#5227, v1.88.0), or "walk_back"
   * to the last cacheable block, stopping at an existing cache_control (#4338, v2.6.0).
   */
  messageCache: "overwrite" | "keep" | "walk_back";
  /** `anthropic_messages[-1]` with no guard raises IndexError on an empty list (#5227, v1.88.0; A 2420 at v2.33.0). */
  messageCacheIndexError: boolean;
  /** A CachePoint with nothing before it in its request attaches to the previous message: #6765, v2.22.0 (§2.6). */
  leadingCachePointAttachesToPrevious: boolean;
  /** Tools may be deferred (`defer_loading`), and the tool cache skips them: #5143, v1.95.0 (§2.8). */
  deferredTools: boolean;
  /** A request whose wire tools are all deferred raises UserError: A 937-941 at v2.33.0 (§2.8). */
  allToolsDeferredError: boolean;
  /** Server-tool shapes (see build-tools.ts `builtinToolParam`). */
  builtinTools: "1.74" | "1.107" | "2.33";
}

const RULES: Record<Semantics, SemanticsRules> = {
  "pydantic-ai@1.74": {
    semantics: "pydantic-ai@1.74",
    release: "1.74.0",
    label: "Pydantic AI 1.74",
    bedrockTtlDefault: "omit",
    automaticCache: false,
    instructionBlocks: false,
    messageCache: "overwrite",
    messageCacheIndexError: false,
    leadingCachePointAttachesToPrevious: false,
    deferredTools: false,
    allToolsDeferredError: false,
    builtinTools: "1.74",
  },
  "pydantic-ai@1.107": {
    semantics: "pydantic-ai@1.107",
    release: "1.107.5",
    label: "Pydantic AI 1.107",
    bedrockTtlDefault: "send",
    automaticCache: true,
    instructionBlocks: true,
    messageCache: "keep",
    messageCacheIndexError: true,
    leadingCachePointAttachesToPrevious: false,
    deferredTools: true,
    allToolsDeferredError: false,
    builtinTools: "1.107",
  },
  "pydantic-ai@2.33": {
    semantics: "pydantic-ai@2.33",
    release: "2.33.0",
    label: "Pydantic AI 2.33",
    bedrockTtlDefault: "send",
    automaticCache: true,
    instructionBlocks: true,
    messageCache: "walk_back",
    messageCacheIndexError: true,
    leadingCachePointAttachesToPrevious: true,
    deferredTools: true,
    allToolsDeferredError: true,
    builtinTools: "2.33",
  },
};

export function semanticsRules(semantics: Semantics | undefined): SemanticsRules {
  return RULES[semantics ?? DEFAULT_SEMANTICS];
}

/** The rules for an experiment: its `semantics`, or v1.74.0 when it names none. */
export function rulesOf(experiment: { semantics?: Semantics | undefined }): SemanticsRules {
  return semanticsRules(experiment.semantics);
}

/** Whether an AsyncAnthropicBedrock body keeps `ttl`: the document's choice, else the release's default. */
export function bedrockTtlOf(experiment: { semantics?: Semantics | undefined; provider_options: { bedrock_ttl?: "omit" | "send" | undefined } }): "omit" | "send" {
  return experiment.provider_options.bedrock_ttl ?? rulesOf(experiment).bedrockTtlDefault;
}

/**
 * Whether `anthropic_cache` is sent as the top-level field: not on AsyncAnthropicBedrock or
 * AsyncAnthropicVertex (`_NON_AUTOMATIC_CACHING_CLIENTS`, A 281 at v2.33.0, A 225 at v1.107.5).
 */
export function sendsTopLevelCacheControl(provider: ProviderId): boolean {
  return provider !== "bedrock" && provider !== "vertex";
}

/** The `anthropic_cache` setting of an experiment when its release has it, else off. */
export function automaticCacheSetting(experiment: { semantics?: Semantics | undefined; settings: { cache?: boolean | Ttl | undefined } }): boolean | Ttl {
  return rulesOf(experiment).automaticCache ? (experiment.settings.cache ?? false) : false;
}
