/**
 * Per-column converters from DuckDB's JSON-safe values (`getRowsJson`) to what API clients
 * want: 64-bit integers and decimals as numbers when exact (else their string), timestamps in
 * ISO 8601 with `T`; dates, times and text unchanged. Built once per column, used per cell.
 */
export function jsonConverter(physicalType: string): (v: unknown) => unknown {
  if (/^(BIGINT|HUGEINT|UBIGINT|UHUGEINT)$/.test(physicalType)) {
    return (v) => {
      if (typeof v !== 'string') return v;
      const n = Number(v);
      return Number.isSafeInteger(n) ? n : v;
    };
  }
  if (physicalType.startsWith('DECIMAL')) {
    return (v) => {
      if (typeof v !== 'string') return v;
      const n = Number(v);
      // Exact when the shortest round trip gives back the same digits.
      return Number.isFinite(n) && sameDecimal(String(n), v) ? n : v;
    };
  }
  if (physicalType.startsWith('TIMESTAMP')) {
    return (v) => (typeof v === 'string' ? v.replace(' ', 'T') : v);
  }
  return (v) => v;
}

function sameDecimal(a: string, b: string): boolean {
  const norm = (s: string) => (s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s);
  return norm(a) === norm(b);
}
