"use client";
// What the server tells the page: which providers can run live (booleans and a sentence), whether an
// access token is needed, and whether the e2e fault hook is on. Never a key.
import { useCallback, useEffect, useState } from "react";
import { type RunEnvironment, getRunEnvironmentAction } from "@/app/actions/runs";

export function useRunEnvironment(): { environment: RunEnvironment | null; error: string | null; refresh: () => void } {
  const [environment, setEnvironment] = useState<RunEnvironment | null>(null);
  const [error, setError] = useState<string | null>(null);
  const refresh = useCallback(() => {
    getRunEnvironmentAction()
      .then((r) => {
        if (r.ok) {
          setEnvironment(r.value);
          setError(null);
        } else setError(r.error.message);
      })
      .catch(() => setError("Could not ask the server which providers are configured; emulated runs still work."));
  }, []);
  useEffect(refresh, [refresh]);
  return { environment, error, refresh };
}
