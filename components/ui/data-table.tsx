"use client";
import { useState, type ReactNode } from "react";
import { cn } from "./cn";
import { Disclosure } from "./disclosure";
import { ScrollArea } from "./scroll-area";
import { Table, TableCell, TableHead, TableHeaderCell, TableRow } from "./table";

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
  return (
    <Disclosure summary="Data table" className={cn("mt-2", className)} onToggle={(e) => setOpen(e.currentTarget.open)}>
      {open ? (
        <ScrollArea label={`${title}: data`} className="mt-1 max-h-56 rounded border border-line">
          <Table>
            <caption className="sr-only">{title}</caption>
            <TableHead sticky>
              <TableRow>
                {columns.map((c) => (
                  <TableHeaderCell key={c.label} scope="col" align={c.align ?? "right"}>
                    {c.label}
                  </TableHeaderCell>
                ))}
              </TableRow>
            </TableHead>
            <tbody>
              {rows().map((row) => (
                <TableRow key={row.key} className="last:border-b-0">
                  {row.cells.map((cell, i) => (
                    // The first column names the row ("A1 · B1", an hour): kept on one line.
                    <TableCell key={columns[i]?.label ?? i} align={columns[i]?.align ?? "right"} className={i === 0 ? "whitespace-nowrap" : undefined}>
                      {cell}
                    </TableCell>
                  ))}
                </TableRow>
              ))}
            </tbody>
          </Table>
        </ScrollArea>
      ) : null}
    </Disclosure>
  );
}
