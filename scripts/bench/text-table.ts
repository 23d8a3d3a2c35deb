/** A plain-text table: the first column left-aligned (names), the others right-aligned (numbers). */
export function textTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const all = [header, ...rows];
  const widths = header.map((_, column) => Math.max(...all.map((row) => (row[column] ?? '').length)));
  const line = (row: readonly string[]) =>
    widths
      .map((width, column) => {
        const cell = row[column] ?? '';
        return column === 0 ? cell.padEnd(width) : cell.padStart(width);
      })
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
}

const finite = (value: number) => Number.isFinite(value);

/** `12.3 KB` (1 KB = 1024 bytes); a dash for a figure that was not measured. */
export function formatKb(bytes: number): string {
  return finite(bytes) ? `${(bytes / 1024).toFixed(1)} KB` : '—';
}

/** Milliseconds with enough digits to tell small ones apart. */
export function formatMs(ms: number): string {
  if (!finite(ms)) return '—';
  return `${ms < 1 ? ms.toFixed(3) : ms < 100 ? ms.toFixed(2) : ms.toFixed(0)} ms`;
}

/** Microseconds, or milliseconds once there are a thousand of them. */
export function formatUs(us: number): string {
  if (!finite(us)) return '—';
  if (us >= 1000) return formatMs(us / 1000);
  return `${us < 10 ? us.toFixed(2) : us.toFixed(0)} µs`;
}

/** `1 run`, `5 runs`. */
export function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : /(s|sh|ch|x)$/.test(noun) ? 'es' : 's'}`;
}
