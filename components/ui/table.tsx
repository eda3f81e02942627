import { cva, type VariantProps } from "class-variance-authority";
import type { ComponentProps, HTMLAttributes, TdHTMLAttributes, ThHTMLAttributes } from "react";
import { cn } from "./cn";

// The kit's table parts (issue 11 item 3: one look from one kit). Every table of the page — the run
// history, the charts' data tables, the emulator's cache, the vendor totals, the usage decoder, the
// traffic report — renders through these, so spacing, rules between rows, header tone and number
// alignment are decided here once. Plain elements underneath: the semantics (caption, scope, colgroup)
// stay the caller's, as HTML defines them (https://html.spec.whatwg.org/multipage/tables.html).

export const tableVariants = cva("w-full border-collapse text-left", {
  variants: {
    size: { sm: "text-xs", md: "text-sm" },
    /** Columns keep the widths a colgroup gives them (long cells wrap instead of widening the table). */
    fixed: { true: "table-fixed", false: "" },
    /** Every digit the same width, so figures line up down a column. */
    figures: { true: "tabular-nums", false: "" },
    /** A table in the flow of text (no frame around it): its first and last columns line up with the text above and below. */
    flush: { true: "[&_tr>:first-child]:pl-0 [&_tr>:last-child]:pr-0", false: "" },
  },
  defaultVariants: { size: "md", fixed: false, figures: true, flush: false },
});

export type TableProps = HTMLAttributes<HTMLTableElement> & VariantProps<typeof tableVariants>;

export function Table({ className, size, fixed, figures, flush, ...props }: TableProps) {
  return <table className={cn(tableVariants({ size, fixed, figures, flush }), className)} {...props} />;
}

export const tableHeadVariants = cva("text-xs text-fg-muted", {
  variants: {
    /** The header stays in view while its scroll container scrolls (a long history, a data table). */
    sticky: { true: "sticky top-0 z-1 bg-surface", false: "" },
  },
  defaultVariants: { sticky: false },
});

export type TableHeadProps = HTMLAttributes<HTMLTableSectionElement> & VariantProps<typeof tableHeadVariants>;

export function TableHead({ className, sticky, ...props }: TableHeadProps) {
  return <thead className={cn(tableHeadVariants({ sticky }), className)} {...props} />;
}

export const tableRowVariants = cva("border-b border-line", {
  variants: {
    tone: { default: "", danger: "bg-danger-bg", total: "font-medium" },
    align: { top: "align-top", bottom: "align-bottom", middle: "" },
  },
  defaultVariants: { tone: "default", align: "top" },
});

/** With `ref` (a prop in React 19): a virtualised list measures its rows through it. */
export type TableRowProps = ComponentProps<"tr"> & VariantProps<typeof tableRowVariants>;

export function TableRow({ className, tone, align, ...props }: TableRowProps) {
  return <tr className={cn(tableRowVariants({ tone, align }), className)} {...props} />;
}

export const tableCellVariants = cva("", {
  variants: {
    density: { compact: "px-1 py-0.5", normal: "px-2 py-1.5" },
    /** Numbers align right; names, labels and explanations left. */
    align: { left: "text-left", right: "text-right" },
    /** A header cell: a column's name, or the name of a row (scope="row"), set apart from the data. */
    header: { column: "align-bottom font-medium", row: "font-normal", none: "" },
    mono: { true: "font-mono", false: "" },
  },
  defaultVariants: { density: "normal", align: "left", header: "none", mono: false },
});

type CellVariants = VariantProps<typeof tableCellVariants>;

export type TableHeaderCellProps = ThHTMLAttributes<HTMLTableCellElement> & Omit<CellVariants, "header"> & { scope: "col" | "row" };

/** A header cell; `scope` is required, since a screen reader reads a cell's headers through it. */
export function TableHeaderCell({ className, density, align, mono, scope, ...props }: TableHeaderCellProps) {
  return <th scope={scope} className={cn(tableCellVariants({ density, align, mono, header: scope === "col" ? "column" : "row" }), className)} {...props} />;
}

export type TableCellProps = TdHTMLAttributes<HTMLTableCellElement> & Omit<CellVariants, "header">;

export function TableCell({ className, density, align, mono, ...props }: TableCellProps) {
  return <td className={cn(tableCellVariants({ density, align, mono }), className)} {...props} />;
}
