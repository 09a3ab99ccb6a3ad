/** Numbers and values as a sentence shows them. */
export function formatNumber(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (Number.isInteger(v)) return v.toLocaleString('en-US');
  const abs = Math.abs(v);
  if (abs >= 100) return v.toLocaleString('en-US', { maximumFractionDigits: 1 });
  if (abs >= 1) return v.toLocaleString('en-US', { maximumFractionDigits: 2 });
  return v.toLocaleString('en-US', { maximumSignificantDigits: 3 });
}

export function formatValue(v: unknown): string {
  if (v === null || v === undefined) return '(missing)';
  if (typeof v === 'number') return formatNumber(v);
  const s = String(v);
  // Midnight timestamps read better as dates.
  return /^\d{4}-\d{2}-\d{2} 00:00:00$/.test(s) ? s.slice(0, 10) : s;
}

export function signedPercent(v: number): string {
  const s = formatNumber(Math.round(v * 10) / 10);
  return v > 0 ? `+${s}%` : `${s}%`;
}
