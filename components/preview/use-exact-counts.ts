"use client";
// Exact prefix counts on demand (issue 10 item 14): when the experiment's provider is configured live,
// the preview can ask the server for each kept breakpoint's count from that provider's count-tokens
// endpoint. Answers are kept by provider, model and prefix hash, so an edit after a breakpoint keeps
// its exact count, and an edit before it (a new prefix) shows the estimate again until asked.
import { useCallback, useMemo, useRef, useState } from "react";
import type { BuildOutput } from "@/lib/cache/build-request";
import type { Experiment } from "@/lib/cache/experiment-schema";
import type { PrefixCount } from "@/lib/providers/count-tokens";
import { countPrefixTokensAction } from "@/app/actions/count-tokens";
import { useRunEnvironment } from "@/components/runs/use-run-environment";

export interface ExactCounts {
  /** The provider is configured live, so exact counts can be asked for. */
  available: boolean;
  loading: boolean;
  error: string | null;
  /** The exact count of the breakpoint landed at `path`, if one was fetched for this very prefix. */
  exactAt: (path: string) => PrefixCount | undefined;
  fetchCounts: () => void;
}

/** Where an exact count is kept: provider, model and the prefix hash of the block it ends on. */
function prefixKey(build: BuildOutput, path: string): string | undefined {
  const hash = build.analysis.positions.find((p) => p.path === path)?.prefixHash;
  return hash ? `${build.provider}|${build.modelId}|${hash}` : undefined;
}

export function useExactCounts(experiment: Experiment, build: BuildOutput | null): ExactCounts {
  const { environment } = useRunEnvironment();
  const [known, setKnown] = useState<ReadonlyMap<string, PrefixCount>>(new Map());
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const inFlight = useRef(false);

  const fetchCounts = useCallback(() => {
    if (inFlight.current || !build) return;
    inFlight.current = true;
    setLoading(true);
    setError(null);
    countPrefixTokensAction({ experiment })
      .then((r) => {
        if (!r.ok) return setError(r.error.message);
        setKnown((prev) => {
          const next = new Map(prev);
          for (const count of r.value) {
            const key = prefixKey(build, count.path);
            if (key) next.set(key, count);
          }
          return next;
        });
      })
      .catch(() => setError("The server could not count the prefixes; try again."))
      .finally(() => {
        inFlight.current = false;
        setLoading(false);
      });
  }, [build, experiment]);

  const exactAt = useCallback(
    (path: string) => {
      const key = build ? prefixKey(build, path) : undefined;
      return key ? known.get(key) : undefined;
    },
    [build, known],
  );

  const available = Boolean(build && environment?.live[build.provider]?.configured);
  // One object per change, so the memoised preview re-renders only when something here changed.
  return useMemo(() => ({ available, loading, error, exactAt, fetchCounts }), [available, loading, error, exactAt, fetchCounts]);
}
