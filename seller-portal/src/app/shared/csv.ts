/** RFC 4180 CSV: every cell quoted, CRLF line ends; cells starting with = + - @ are prefixed so spreadsheets do not run them. */
export function toCsv(rows: (string | number)[][]): string {
  return rows
    .map((row) =>
      row
        .map((cell) => {
          const text = String(cell);
          const safe = typeof cell === 'string' && /^[=+\-@]/.test(text) ? `'${text}` : text;
          return `"${safe.replace(/"/g, '""')}"`;
        })
        .join(','),
    )
    .join('\r\n');
}

/** The cells of a CSV header row (quotes removed, trimmed, lower case). */
export function headerOf(csv: string): string[] {
  const firstLine = csv.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  return firstLine.split(',').map((cell) => cell.trim().replace(/^"|"$/g, '').trim().toLowerCase());
}

/** Offers `text` to the browser as a file download. */
export function downloadCsv(filename: string, text: string): void {
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  link.download = filename;
  link.click();
  URL.revokeObjectURL(link.href);
}
