// Where a Responses request may write and where it looks (GPT-5.6 and later). One module for these rules,
// used by the OpenAI target's preview and by the emulator's /v1/responses.
//
// Writes: "With implicit, OpenAI creates one implicit breakpoint and writes up to the latest three explicit
// breakpoints in the request. With explicit, OpenAI does not create an implicit breakpoint and writes up to
// the latest four explicit breakpoints. If there are no explicit breakpoints, the request does not use
// prompt caching." (https://developers.openai.com/api/reference/resources/responses/methods/create,
// prompt_cache_options.mode)
// The implicit breakpoint sits "at the end of the latest eligible message": user messages, the last tool
// response of a consecutive group, the last developer message of the initial consecutive group
// (https://developers.openai.com/api/docs/guides/prompt-caching#how-caching-works).
// Lookup: the catalog's OPENAI.lookup (the guide's reading; see its `unverified` note).
import { OPENAI, type OpenAICacheMode, type OpenAILookupBoundaries } from "../catalog";
import type { ResponsesPosition } from "./prefix";

export interface Boundaries {
  /** Positions of explicit breakpoints, in input order. */
  explicit: ResponsesPosition[];
  /** The implicit breakpoint (implicit mode), if any message is eligible. */
  implicit: ResponsesPosition | null;
  /** The breakpoints this request writes, in input order (before the minimum is applied). */
  written: ResponsesPosition[];
  /** Every position a lookup checks, longest prefix first. */
  lookup: ResponsesPosition[];
}

/** Eligible message endings, in input order (implicit mode's candidates). */
export function eligibleEndings(positions: readonly ResponsesPosition[]): { endings: ResponsesPosition[]; initialDeveloperEnd: ResponsesPosition | null } {
  const ends = positions.filter((p) => p.itemEnd);
  const endings: ResponsesPosition[] = [];
  let initialDeveloperEnd: ResponsesPosition | null = null;
  let stillInitial = true;
  ends.forEach((p, i) => {
    const next = ends[i + 1];
    if (p.kind !== "developer") stillInitial = false;
    if (p.kind === "user") endings.push(p);
    else if (p.kind === "tool_output" && next?.kind !== "tool_output") endings.push(p);
    else if (p.kind === "developer" && stillInitial && next?.kind !== "developer") {
      initialDeveloperEnd = p;
      endings.push(p);
    }
  });
  return { endings, initialDeveloperEnd };
}

export function boundaries(positions: readonly ResponsesPosition[], mode: OpenAICacheMode, lookup: OpenAILookupBoundaries = OPENAI.lookup.value): Boundaries {
  const explicit = positions.filter((p) => p.explicit);
  const { endings, initialDeveloperEnd } = eligibleEndings(positions);
  const implicit = mode === "implicit" ? (endings[endings.length - 1] ?? null) : null;
  const explicitWrites = mode === "implicit" ? OPENAI.explicitWritesInImplicitMode.value : OPENAI.explicitWritesInExplicitMode.value;
  const written = [...explicit.slice(Math.max(0, explicit.length - explicitWrites))];
  if (implicit && !written.includes(implicit)) written.push(implicit);
  written.sort((a, b) => a.index - b.index);

  const candidates = new Set<ResponsesPosition>([...explicit.slice(0, lookup.firstExplicit), ...explicit.slice(Math.max(0, explicit.length - lookup.latestExplicit))]);
  if (mode === "implicit") {
    if (implicit) candidates.add(implicit);
    const earlier = implicit ? endings.filter((p) => p.index < implicit.index) : [];
    for (const p of earlier.slice(Math.max(0, earlier.length - lookup.earlierMessageEndings))) candidates.add(p);
    if (lookup.initialDeveloperBlock && initialDeveloperEnd) candidates.add(initialDeveloperEnd);
  }
  return { explicit, implicit, written, lookup: [...candidates].sort((a, b) => b.index - a.index) };
}
