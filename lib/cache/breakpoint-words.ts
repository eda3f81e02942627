// The words for breakpoints that the preview, the findings, `cachelab lint` and the run explanations
// share: who asked for a breakpoint, and what became of it. One vocabulary, so a run never calls
// "dropped by the limit" what the preview called "overwritten".
import type { BreakpointOrigin } from "./breakpoint-trace";
import { type CacheSettingName, type DocumentPath, documentPath, documentPathLabel } from "./paths";

/** The settings as the editor names them (the UI contract's combobox names). */
const SETTING_LABELS: Readonly<Record<CacheSettingName, string>> = {
  cache_instructions: "Cache instructions",
  cache_tool_definitions: "Cache tool definitions",
  cache_messages: "Cache messages",
  cache: "Automatic caching",
};

/** What became of a breakpoint that was asked for. */
export type BreakpointStatus = "kept" | "dropped" | "overwritten" | "no_effect";

/** Where the breakpoint was asked for, in the experiment: the setting, or the cache_point item. */
export function originPath(origin: BreakpointOrigin): DocumentPath {
  return origin.kind === "setting" ? documentPath.setting(origin.setting) : documentPath.item(origin.messageIndex, origin.contentIndex);
}

/** "Cache messages setting", or "CachePoint at experiment messages[2].content[1]". */
export function originLabel(origin: BreakpointOrigin): string {
  return origin.kind === "setting" ? `${SETTING_LABELS[origin.setting]} setting` : `CachePoint at ${documentPathLabel(originPath(origin))}`;
}

/**
 * The status word a badge shows. "kept" and "dropped" (by the limit, or with nothing to attach to) say
 * whether this request put cache_control in the body. An overwritten request put none of its own, but
 * when its block still carries another one's cache_control that is no loss, and the word says so.
 */
export type StatusWord = "kept" | "dropped" | "overwritten (block still cached)" | "overwritten";

export function statusWord(status: BreakpointStatus, blockStillCached: boolean): StatusWord {
  if (status === "kept") return "kept";
  if (status !== "overwritten") return "dropped";
  return blockStillCached ? "overwritten (block still cached)" : "overwritten";
}

/** A breakpoint as far as its word needs it: its status and the request block it landed on, if any. */
interface Landed {
  readonly status: BreakpointStatus;
  readonly landedAt: { readonly path: string } | null;
}

/**
 * The word for `b` among all the request's breakpoints: an overwritten one whose block still carries a
 * kept breakpoint's cache_control is "overwritten (block still cached)" (docs/reference/pydantic-ai-caching.md,
 * "overwrites an existing cache_control"), never a red "dropped".
 */
export function breakpointWord(b: Landed, all: readonly Landed[]): StatusWord {
  const landed = b.landedAt;
  return statusWord(b.status, landed !== null && all.some((o) => o.status === "kept" && o.landedAt?.path === landed.path));
}

/** The tone of a status word: only a breakpoint that really went missing is an alarm. */
export function statusTone(word: StatusWord): "ok" | "danger" | "neutral" {
  return word === "kept" ? "ok" : word === "dropped" ? "danger" : "neutral";
}

/**
 * The status as a phrase: "kept", "dropped by the limit", "overwritten by the Cache messages
 * setting", "no effect". Only "dropped" names the limit: it is the only status the limit causes.
 */
export function statusPhrase(status: BreakpointStatus, overwrittenBy?: string): string {
  switch (status) {
    case "kept":
      return "kept";
    case "dropped":
      return "dropped by the limit";
    case "overwritten":
      return overwrittenBy ? `overwritten by the ${overwrittenBy}` : "overwritten";
    case "no_effect":
      return "no effect";
  }
}
