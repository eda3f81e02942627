"use client";
// A value shown at a pace the page can afford: while `active`, it follows `value` at most once every
// `minMs`, and never sooner than twice as long as drawing the last one took after that drawing ended,
// so drawing takes at most a third of the main thread; the newest value always wins, none is lost.
// It renders as a deferred update (React's useDeferredValue): a keystroke elsewhere interrupts it.
// Not active, it is `value` itself. The runs panel shows a streaming series through it (issue 12 item 3:
// charts and table update at most a few times a second, and typing stays responsive meanwhile).
import { useDeferredValue, useEffect, useRef, useState } from "react";

export function usePaced<T>(value: T, active: boolean, minMs = 250): T {
  const [target, setTarget] = useState(value);
  // Not active: keep the copy current, so the next active stretch starts from this value.
  if (!active && target !== value) setTarget(value);
  const shown = useDeferredValue(active ? target : value);
  const pace = useRef({ requestedAt: 0, doneAt: 0, cost: 0 });

  // The commit that shows a requested value: how long it took from the request, and when it ended.
  useEffect(() => {
    const p = pace.current;
    const now = performance.now();
    if (p.requestedAt) p.cost = now - p.requestedAt;
    p.requestedAt = 0;
    p.doneAt = now;
  }, [shown]);

  useEffect(() => {
    const p = pace.current;
    // One drawing at a time: the commit of the one requested schedules the next.
    if (!active || target === value || p.requestedAt) return;
    const wait = Math.max(0, p.doneAt + Math.max(minMs, 2 * p.cost) - performance.now());
    const timer = setTimeout(() => {
      p.requestedAt = performance.now();
      setTarget(() => value);
    }, wait);
    return () => clearTimeout(timer);
  }, [value, target, active, minMs, shown]);

  return shown;
}
