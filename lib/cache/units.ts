// Branded units (docs/style.md habit 4): a token count and a dollar amount are not interchangeable numbers.
declare const tokensBrand: unique symbol;
declare const usdBrand: unique symbol;
declare const usdPerMTokBrand: unique symbol;

export type Tokens = number & { readonly [tokensBrand]: "Tokens" };
export type Usd = number & { readonly [usdBrand]: "Usd" };
/** A price in US dollars per million tokens, as Anthropic's pricing tables state it. */
export type UsdPerMTok = number & { readonly [usdPerMTokBrand]: "UsdPerMTok" };

export const tokens = (n: number): Tokens => n as Tokens;
export const usd = (n: number): Usd => n as Usd;
export const usdPerMTok = (n: number): UsdPerMTok => n as UsdPerMTok;

export function addUsd(...values: Usd[]): Usd {
  let sum = 0;
  for (const v of values) sum += v;
  return sum as Usd;
}

/** The cost of `count` tokens at `price` per million. */
export function priceOf(count: Tokens, price: UsdPerMTok): Usd {
  return ((count * price) / 1_000_000) as Usd;
}
