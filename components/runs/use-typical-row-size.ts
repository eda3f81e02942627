"use client";
// The estimate a virtualised list gives for the rows not yet on screen, learned from the rows it has
// measured: the size most of them have. A long history is mostly rows of one kind (a series of hits),
// and the virtualizer lays every row below a row out again whenever a row is measured at another size
// than its estimate, which over 100,000 rows is what made scrolling jank (issue 12 item 3). A fixed
// guess is right at one width only; the rows themselves are right at every width.
import { useCallback, useRef, useState } from "react";
import { type Virtualizer, measureElement } from "@tanstack/react-virtual";

/** Which size most measured rows have: counts each row once, at its first measure (an opened "Details" does not count). */
export function mostCommonSize(counts: ReadonlyMap<number, number>, current: number | null): number | null {
  let best = current;
  for (const [size, n] of counts) if (best === null || n > (counts.get(best) ?? 0)) best = size;
  return best;
}

/**
 * `estimate` for the virtualizer's estimateSize, and `measure` for its measureElement option; a new
 * `layout` (table or cards) starts learning afresh. `estimate` changes rarely (the first few rows of a
 * layout settle it), and the caller lays the rows out again when it does.
 */
const fresh = (layout: string) => ({ layout, size: null as number | null, counts: new Map<number, number>(), seen: new WeakSet<Element>() });

export function useTypicalRowSize(layout: string, fallback: number) {
  const learned = useRef(fresh(layout));
  const [typical, setTypical] = useState<{ layout: string; size: number } | null>(null);
  const measure = useCallback(
    (element: Element, entry: ResizeObserverEntry | undefined, instance: Virtualizer<HTMLDivElement, Element>) => {
      const size = measureElement(element, entry, instance);
      if (learned.current.layout !== layout) learned.current = fresh(layout);
      const l = learned.current;
      if (size > 0 && !l.seen.has(element)) {
        l.seen.add(element);
        l.counts.set(size, (l.counts.get(size) ?? 0) + 1);
        const best = mostCommonSize(l.counts, l.size);
        if (best !== null && best !== l.size) {
          l.size = best;
          setTypical({ layout, size: best });
        }
      }
      return size;
    },
    [layout],
  );
  return { estimate: typical?.layout === layout ? typical.size : fallback, measure };
}
