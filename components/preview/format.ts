
const integer = new Intl.NumberFormat("en-US");
export const formatTokens = (n: number) => integer.format(Math.round(n));

/** A cost with enough digits to tell runs apart: "$0.0116", "$0.00120", "-$0.0300"; null is "—". */
export function formatUsd(value: number | null): string {
  if (value === null) return "—";
  if (value === 0) return "$0";
  const abs = Math.abs(value);
  return `${value < 0 ? "-" : ""}$${abs.toFixed(abs < 0.01 ? 5 : 4)}`;
}

const tick = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", maximumSignificantDigits: 3 });
/** A chart axis tick: the sign before the dollar and no trailing zeros ("-$0.03", "$0.006"). */
export const formatUsdTick = (value: number) => tick.format(value);

/** "≈4,658 of 1,024 minimum tokens": "min" next to "5m"/"1h" would read as minutes. */
export function formatPrefixAgainstMinimum(prefixTokens: number, minTokens: number): string {
  return `≈${formatTokens(prefixTokens)} of ${formatTokens(minTokens)} minimum tokens`;
}
