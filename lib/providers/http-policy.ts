// How big an action request may be (docs/security.md). No "server-only" here: next.config.ts reads
// this module too, outside Next's bundler.

/** The largest server-action request, in bytes: the entry refuses more with 413, and Next is told the same. */
export const MAX_ACTION_BODY_BYTES = 4 * 1024 * 1024;
