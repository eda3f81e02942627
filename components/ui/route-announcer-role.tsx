"use client";
import { useEffect } from "react";

/**
 * Next's App Router mounts a route announcer whose empty div has role="alert". This page never
 * navigates client-side, and a permanent empty alert makes "the alert" ambiguous for assistive
 * technology and for tests that look for the one alert an error shows. Its aria-live="assertive"
 * still announces route changes, so only the role is lowered to "status".
 */
export function RouteAnnouncerRole() {
  useEffect(() => {
    const fix = () => {
      const el = document.querySelector("next-route-announcer")?.shadowRoot?.querySelector("[role='alert']");
      if (el) el.setAttribute("role", "status");
      return Boolean(el);
    };
    if (fix()) return;
    // The announcer renders its div into a shadow root after mounting: look again for a while.
    const started = Date.now();
    const timer = setInterval(() => {
      if (fix() || Date.now() - started > 10_000) clearInterval(timer);
    }, 25);
    return () => clearInterval(timer);
  }, []);
  return null;
}
