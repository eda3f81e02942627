import type { Transport } from "@/lib/runs/types";
import type { LandedBreakpoint, TargetNote } from "@/lib/vendors/targets";
import type { NormalizedCost, NormalizedPrices, NormalizedUsage } from "@/lib/vendors/usage";

/** One run of another vendor's target (OpenAI, Bedrock Converse), as its adapter records it. */
export interface VendorRunRecord<T extends string> {
  target: T;
  transport: Transport;
  modelId: string;
  requestId: string | null;
  /** The usage as the vendor reported it, and in the shared disjoint shape. */
  rawUsage: unknown;
  usage: NormalizedUsage;
  cost: NormalizedCost;
  /** The prices the cost was computed with (the target's, from its dated catalog). */
  prices: NormalizedPrices;
  formula: string[];
  startedAt: number;
  latencyMs: number;
  text: string;
  notes: TargetNote[];
  breakpoints: LandedBreakpoint[];
}
