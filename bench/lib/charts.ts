/**
 * Hand-rolled SVG charts for the benchmark report, drawn from the run's JSON: horizontal bars with
 * their values written beside them, so the numbers stay readable without hovering. No fonts or
 * scripts are fetched; every chart is one self-contained file committed next to latest.md.
 */

export interface Bar {
  label: string;
  value: number;
  /** A series name; bars of one series share a colour (see the legend). */
  series: string;
  /** Text beside the bar (defaults to the value). */
  text?: string;
}

export interface BarGroup {
  title: string;
  bars: Bar[];
}

const COLORS = [
  '#3b6fb6',
  '#d9822b',
  '#5a9e4b',
  '#a34a9c',
  '#c23b3b',
  '#6b6b6b',
  '#2a9d8f',
  '#b59f1d',
  '#7f5539',
  '#8d99ae',
  '#e76f51',
  '#264653',
  '#9c6644',
];

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function colorOf(series: string[], name: string): string {
  return COLORS[series.indexOf(name) % COLORS.length];
}

/**
 * Grouped horizontal bars: one group per scenario, one bar per series. `log` draws the scale in
 * powers of ten (for values spanning several orders of magnitude, like throughput).
 */
export function barChart(options: { title: string; unit: string; groups: BarGroup[]; log?: boolean }): string {
  const series = [...new Set(options.groups.flatMap((g) => g.bars.map((b) => b.series)))];
  const labelW = 330;
  const plotW = 420;
  const textW = 110;
  const barH = 16;
  const gap = 4;
  const groupGap = 14;
  const top = 56;
  const values = options.groups.flatMap((g) => g.bars.map((b) => b.value)).filter((v) => Number.isFinite(v) && v > 0);
  const max = Math.max(...values, 1e-9);
  const min = Math.min(...values, max);
  const lo = options.log ? Math.pow(10, Math.floor(Math.log10(min))) : 0;
  const hi = options.log ? Math.pow(10, Math.ceil(Math.log10(max))) : max * 1.05;
  const x = (v: number) => {
    if (!Number.isFinite(v) || v <= 0) return 0;
    return options.log
      ? ((Math.log10(v) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo))) * plotW
      : (v / hi) * plotW;
  };
  const parts: string[] = [];
  let y = top;
  for (const g of options.groups) {
    parts.push(`<text x="8" y="${y + 12}" font-weight="bold">${escape(g.title)}</text>`);
    y += 18;
    for (const b of g.bars) {
      const w = Math.max(1, x(b.value));
      parts.push(
        `<text x="${labelW - 6}" y="${y + barH - 4}" text-anchor="end">${escape(b.label)}</text>`,
        `<rect x="${labelW}" y="${y}" width="${w.toFixed(1)}" height="${barH}" fill="${colorOf(series, b.series)}"><title>${escape(`${g.title} — ${b.label}: ${b.text ?? b.value}`)}</title></rect>`,
        `<text x="${(labelW + w + 4).toFixed(1)}" y="${y + barH - 4}">${escape(b.text ?? `${formatValue(b.value)} ${options.unit}`)}</text>`,
      );
      y += barH + gap;
    }
    y += groupGap;
  }
  // Scale: ticks at powers of ten (log) or five even steps.
  const ticks = options.log
    ? Array.from({ length: Math.round(Math.log10(hi) - Math.log10(lo)) + 1 }, (_, i) => lo * Math.pow(10, i))
    : Array.from({ length: 6 }, (_, i) => (hi / 5) * i);
  const grid: string[] = [];
  for (const t of ticks) {
    const tx = labelW + x(t === 0 ? 0 : t);
    grid.push(
      `<line x1="${tx.toFixed(1)}" y1="${top - 6}" x2="${tx.toFixed(1)}" y2="${y - groupGap}" stroke="#ddd"/>`,
      `<text x="${tx.toFixed(1)}" y="${top - 10}" text-anchor="middle" fill="#666">${formatValue(t)}</text>`,
    );
  }
  const legend = series.map(
    (s, i) =>
      `<rect x="${8 + i * 170}" y="${y + 4}" width="12" height="12" fill="${colorOf(series, s)}"/><text x="${24 + i * 170}" y="${y + 14}">${escape(s)}</text>`,
  );
  const height = y + 26;
  const width = labelW + plotW + textW;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    `<text x="8" y="20" font-size="15" font-weight="bold">${escape(options.title)}</text>`,
    `<text x="8" y="36" fill="#666">${escape(`${options.unit}${options.log ? ', log scale' : ''}`)}</text>`,
    ...grid,
    ...parts,
    ...legend,
    '</svg>',
    '',
  ].join('\n');
}

/**
 * Stacked horizontal bars: one bar per row, split into segments by series (CPU ms per operation by
 * layer), the total written at the end.
 */
export function stackedChart(options: {
  title: string;
  unit: string;
  rows: { label: string; segments: { series: string; value: number }[] }[];
  series: string[];
}): string {
  const labelW = 330;
  const plotW = 460;
  const textW = 200;
  const barH = 20;
  const gap = 10;
  const top = 50;
  const totals = options.rows.map((r) => r.segments.reduce((n, s) => n + s.value, 0));
  const max = Math.max(...totals, 1e-9) * 1.02;
  const parts: string[] = [];
  let y = top;
  options.rows.forEach((row, i) => {
    parts.push(`<text x="${labelW - 6}" y="${y + barH - 6}" text-anchor="end">${escape(row.label)}</text>`);
    let x = labelW;
    for (const seg of row.segments) {
      const w = (seg.value / max) * plotW;
      if (w <= 0) continue;
      parts.push(
        `<rect x="${x.toFixed(1)}" y="${y}" width="${w.toFixed(1)}" height="${barH}" fill="${colorOf(options.series, seg.series)}"><title>${escape(`${row.label} — ${seg.series}: ${formatValue(seg.value)} ${options.unit}`)}</title></rect>`,
      );
      x += w;
    }
    parts.push(
      `<text x="${(x + 4).toFixed(1)}" y="${y + barH - 6}">${formatValue(totals[i])} ${escape(options.unit)}</text>`,
    );
    y += barH + gap;
  });
  const perRow = 4;
  const legend = options.series.map((s, i) => {
    const lx = 8 + (i % perRow) * 215;
    const ly = y + 6 + Math.floor(i / perRow) * 18;
    return `<rect x="${lx}" y="${ly}" width="12" height="12" fill="${colorOf(options.series, s)}"/><text x="${lx + 16}" y="${ly + 10}">${escape(s)}</text>`;
  });
  const height = y + 12 + Math.ceil(options.series.length / perRow) * 18;
  const width = labelW + plotW + textW;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    `<text x="8" y="20" font-size="15" font-weight="bold">${escape(options.title)}</text>`,
    `<text x="8" y="36" fill="#666">${escape(options.unit)}</text>`,
    ...parts,
    ...legend,
    '</svg>',
    '',
  ].join('\n');
}

function formatValue(v: number): string {
  if (!Number.isFinite(v)) return '—';
  if (v >= 100) return v.toFixed(0);
  if (v >= 10) return v.toFixed(1);
  if (v >= 1) return v.toFixed(2);
  return v.toPrecision(2);
}
