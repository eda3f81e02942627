"use client";
import { useEffect, useState, type RefObject } from "react";

/**
 * Whether an element has come near the viewport (within `margin`), latched: once true it stays true.
 * For parts of the page whose code is loaded when they are first needed (issue 12 item 4) rather than
 * with the first load.
 * https://developer.mozilla.org/en-US/docs/Web/API/Intersection_Observer_API
 */
export function useNearViewport(ref: RefObject<Element | null>, margin = "300px 0px"): boolean {
  const [near, setNear] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (near || !el) return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) setNear(true);
    }, { rootMargin: margin });
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref, margin, near]);
  return near;
}
