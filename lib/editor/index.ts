// Pure editor transitions over the experiment document: no React, no store, no I/O.
export * from "./blank";
export * from "./blocks";
export * from "./cache-points";
export * from "./list";
export * from "./paths";
export * from "./prompt";
export * from "./tools";
export type * from "./types";
