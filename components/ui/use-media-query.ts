"use client";
import { useSyncExternalStore } from "react";

/**
 * Whether a media query matches, kept in step with the window. The server (and the first client
 * render, so hydration matches) assumes `serverValue`.
 */
export function useMediaQuery(query: string, serverValue: boolean): boolean {
  return useSyncExternalStore(
    (onChange) => {
      const list = window.matchMedia(query);
      list.addEventListener("change", onChange);
      return () => list.removeEventListener("change", onChange);
    },
    () => window.matchMedia(query).matches,
    () => serverValue,
  );
}

/** The width from which the run history is a table rather than a list of cards. */
export const WIDE_QUERY = "(min-width: 768px)";
