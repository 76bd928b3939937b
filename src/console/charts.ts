// Server-rendered SVG charts: legible without script, redrawn on every reload. Every text is escaped.

const escapeXml = (s: string) => s.replace(/[<>&"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

export interface Bar {
  label: string;
  value: number;
  /** The value as written beside the bar (e.g. "12人"). */
  caption: string;
}

/** Horizontal bars, one row each: for the funnel and the most frequent errors. */
export function horizontalBars(bars: Bar[], opts: { title: string; labelWidth?: number; width?: number }): string {
  const width = opts.width ?? 640;
  const labelWidth = opts.labelWidth ?? 200;
  const row = 34;
  const height = Math.max(1, bars.length) * row + 8;
  const max = Math.max(1, ...bars.map((b) => b.value));
  // Room on the right for the longest caption ("11人（100%）").
  const barSpace = width - labelWidth - 110;
  const rows = bars.map((b, i) => {
    const y = i * row + 6;
    const w = Math.max(b.value > 0 ? 2 : 0, Math.round((b.value / max) * barSpace));
    return `<g><text x="${labelWidth - 8}" y="${y + 18}" text-anchor="end" class="chart-label">${escapeXml(b.label)}</text>`
      + `<rect x="${labelWidth}" y="${y}" width="${w}" height="24" rx="3" class="chart-bar"><title>${escapeXml(`${b.label}：${b.caption}`)}</title></rect>`
      + `<text x="${labelWidth + w + 6}" y="${y + 18}" class="chart-value">${escapeXml(b.caption)}</text></g>`;
  });
  return `<svg class="chart" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeXml(opts.title)}" xmlns="http://www.w3.org/2000/svg">${rows.join('')}</svg>`;
}

/** Vertical columns over time: activations per hour. */
export function columns(points: { label: string; value: number; tip: string }[], opts: { title: string; width?: number; height?: number }): string {
  const width = opts.width ?? 720;
  const height = opts.height ?? 220;
  const bottom = height - 28;
  const top = 18;
  const left = 36;
  const max = Math.max(1, ...points.map((p) => p.value));
  const step = (width - left - 8) / Math.max(1, points.length);
  const gridValues = [...new Set([0, Math.ceil(max / 2), max])];
  const grid = gridValues.map((v) => {
    const y = bottom - (v / max) * (bottom - top);
    return `<line x1="${left}" x2="${width - 4}" y1="${y}" y2="${y}" class="chart-grid"/><text x="${left - 6}" y="${y + 4}" text-anchor="end" class="chart-axis">${v}</text>`;
  });
  const cols = points.map((p, i) => {
    const h = (p.value / max) * (bottom - top);
    const x = left + i * step + step * 0.15;
    const label = i % 3 === 0 ? `<text x="${x + step * 0.35}" y="${height - 8}" text-anchor="middle" class="chart-axis">${escapeXml(p.label)}</text>` : '';
    return `<g><rect x="${x.toFixed(1)}" y="${(bottom - h).toFixed(1)}" width="${(step * 0.7).toFixed(1)}" height="${h.toFixed(1)}" class="chart-bar"><title>${escapeXml(p.tip)}</title></rect>${label}</g>`;
  });
  return `<svg class="chart" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeXml(opts.title)}" xmlns="http://www.w3.org/2000/svg">${grid.join('')}${cols.join('')}</svg>`;
}
