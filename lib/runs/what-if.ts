// What-if variants (issue 12 item 2): the same experiment with every breakpoint on another TTL, or with
// no caching at all, replayed against the same simulated traffic. Pure transitions over the
// experiment document: the settings (automatic caching included) and the CachePoint markers are the
// only places a breakpoint is asked for (docs/design.md §3, §4), so changing those changes every breakpoint.
import type { Experiment } from "@/lib/cache/experiment-schema";
import type { Ttl } from "@/lib/cache/wire-types";

export type WhatIfChange = "as-is" | "ttl-5m" | "ttl-1h" | "no-cache";

export const WHAT_IF_LABELS: Record<WhatIfChange, string> = {
  "as-is": "as designed",
  "ttl-5m": "every breakpoint 5m",
  "ttl-1h": "every breakpoint 1h",
  "no-cache": "no caching",
};

type Setting = Experiment["settings"]["cache_instructions"];
const onWith = (setting: Setting, ttl: Ttl): Setting => (setting === false ? false : ttl);

/** Every setting that caches, and every marker, asks for `ttl`. */
export function withCacheTtl(experiment: Experiment, ttl: Ttl): Experiment {
  const s = experiment.settings;
  return {
    ...experiment,
    settings: {
      ...s,
      cache_instructions: onWith(s.cache_instructions, ttl),
      cache_tool_definitions: onWith(s.cache_tool_definitions, ttl),
      cache_messages: onWith(s.cache_messages, ttl),
      ...(s.cache !== undefined ? { cache: onWith(s.cache, ttl) } : {}),
    },
    messages: experiment.messages.map((m) => (m.role !== "user" ? m : { ...m, content: m.content.map((b) => (b.type === "cache_point" ? { ...b, ttl } : b)) })),
  };
}

/** No setting caches and no marker is left: the request asks for no cache at all. */
export function withoutCache(experiment: Experiment): Experiment {
  return {
    ...experiment,
    settings: { ...experiment.settings, cache_instructions: false, cache_tool_definitions: false, cache_messages: false, ...(experiment.settings.cache !== undefined ? { cache: false } : {}) },
    messages: experiment.messages.map((m) => (m.role !== "user" ? m : { ...m, content: m.content.filter((b) => b.type !== "cache_point") })),
  };
}

export function applyWhatIf(experiment: Experiment, change: WhatIfChange): Experiment {
  switch (change) {
    case "as-is":
      return experiment;
    case "ttl-5m":
      return withCacheTtl(experiment, "5m");
    case "ttl-1h":
      return withCacheTtl(experiment, "1h");
    case "no-cache":
      return withoutCache(experiment);
  }
}
