/** One CSV line (RFC 4180): fields with a quote, comma, line break or edge space are quoted. */
export function csvLine(cells: string[]): string {
  return `${cells.map((c) => (/[",\r\n]|^\s|\s$/.test(c) ? `"${c.replaceAll('"', '""')}"` : c)).join(',')}\n`;
}
