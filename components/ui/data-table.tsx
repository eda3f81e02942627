"use client";
import { useState, type ReactNode } from "react";
import { cn } from "./cn";
import { Disclosure } from "./disclosure";
import { ScrollArea } from "./scroll-area";

export interface DataTableColumn {
  label: string;
  /** Numbers align right (the default); names and run labels left. */
  align?: "left" | "right";
}

export interface DataTableRow {
  key: string | number;
  cells: readonly ReactNode[];
}

/**
 * A chart's text alternative (WCAG 1.1.1, https://www.w3.org/TR/WCAG22/#non-text-content): its numbers
 * as a table a person opens under the chart, scrolling in its own reachable region. The rows are built
 * only while it is open, so a chart of a long series stays cheap.
 */
export function DataTable({ title, columns, rows, className }: { title: string; columns: readonly DataTableColumn[]; rows: () => readonly DataTableRow[]; className?: string }) {
  const [open, setOpen] = useState(false);
  const align = (c: DataTableColumn) => (c.align === "left" ? "text-left" : "text-right");
  return (
    <Disclosure summary="Data table" className={cn("mt-2", className)} onToggle={(e) => setOpen(e.currentTarget.open)}>
      {open ? (
        <ScrollArea label={`${title}: data`} className="mt-1 max-h-56 rounded border border-line">
          <table className="w-full border-collapse tabular-nums">
            <caption className="sr-only">{title}</caption>
            <thead className="sticky top-0 bg-surface-muted">
              <tr>
                {columns.map((c) => (
                  <th key={c.label} scope="col" className={cn("px-2 py-1 font-medium", align(c))}>
                    {c.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows().map((row) => (
                <tr key={row.key} className="border-t border-line">
                  {row.cells.map((cell, i) => (
                    <td key={columns[i]?.label ?? i} className={cn("px-2 py-0.5", align(columns[i] ?? { label: "" }))}>
                      {cell}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollArea>
      ) : null}
    </Disclosure>
  );
}
