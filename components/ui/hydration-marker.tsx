"use client";

import { useEffect } from "react";

/** Sets <html data-hydrated="true"> once React has attached, so browser tests act on a live page. */
export function HydrationMarker() {
  useEffect(() => {
    document.documentElement.dataset.hydrated = "true";
  }, []);
  return null;
}
