/** One measured figure, printed beside its target. */
export interface Figure {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  /** A human-readable target such as "≤ 350000"; absent for figures reported for context only. */
  readonly target?: string;
  /** The target's bound, in `unit`: the value's ratio to it says how near the target is. */
  readonly limit?: number;
  readonly met?: boolean;
  readonly note?: string;
}

export const atMost = (name: string, value: number, unit: string, limit: number, note?: string): Figure => ({
  name,
  value,
  unit,
  target: `≤ ${round(limit)}`,
  limit,
  met: value <= limit,
  note,
});

export const atLeast = (name: string, value: number, unit: string, floor: number, note?: string): Figure => ({
  name,
  value,
  unit,
  target: `≥ ${round(floor)}`,
  limit: floor,
  met: value >= floor,
  note,
});

export const info = (name: string, value: number, unit: string, note?: string): Figure => ({ name, value, unit, note });

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function round(value: number): number {
  return Math.abs(value) >= 100 ? Math.round(value) : Math.round(value * 100) / 100;
}

export function printTable(figures: readonly Figure[]): void {
  const rows = figures.map((f) => [
    f.name,
    `${round(f.value)} ${f.unit}`,
    f.target ? `${f.target} ${f.unit}` : '',
    f.met === undefined ? '' : f.met ? 'met' : 'MISSED',
    f.note ?? '',
  ]);
  const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => r[i].length), ['figure', 'value', 'target', ''][i].length));
  const line = (r: string[]) =>
    r
      .map((cell, i) => (i < 4 ? cell.padEnd(widths[i]) : cell))
      .join('  ')
      .trimEnd();
  console.log(line(['figure', 'value', 'target', '', 'note']));
  for (const r of rows) console.log(line(r));
}
