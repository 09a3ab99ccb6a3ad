/**
 * The label of a totals line under a table (`Total`, `Grand total:`, `Summe`, `Gesamt`,
 * `Somme`): a sum of the rows above, not one of them.
 */
export const TOTAL_LABEL =
  /^(grand\s+)?(total|totals|sum|subtotal|summe|zwischensumme|gesamt|gesamtsumme|somme|totale|totaal)\s*:?$/i;
