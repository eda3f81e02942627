// Input of the exact-count action (docs/style.md habit 5: schemas outside the "use server" file). The
// experiment itself is checked by parseExperiment, with its own size caps, after this shape check.
import { z } from "zod";
import { PROVIDERS } from "@/lib/cache/wire-types";

export const countInputSchema = z.strictObject({
  experiment: z.unknown(),
  provider: z.enum(PROVIDERS as readonly ["anthropic", "bedrock", "vertex", "foundry"]).optional(),
  model: z.string().min(1).max(200).optional(),
});
