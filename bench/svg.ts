// A dependency-free SVG of the LSH S-curve with measured points, for docs/accuracy.svg.

export interface CurvePoint {
  jaccard: number;
  rate: number;
  pairs: number;
}

export function sCurveSvg(options: {
  curve: (j: number) => number;
  points: readonly CurvePoint[];
  threshold: number;
  title: string;
  subtitle: string;
}): string {
  const width = 640;
  const height = 400;
  const m = { left: 60, right: 20, top: 56, bottom: 50 };
  const w = width - m.left - m.right;
  const h = height - m.top - m.bottom;
  const x = (j: number) => m.left + j * w;
  const y = (p: number) => m.top + (1 - p) * h;
  const path = Array.from({ length: 201 }, (_, i) => {
    const j = i / 200;
    return `${i === 0 ? 'M' : 'L'}${x(j).toFixed(1)},${y(options.curve(j)).toFixed(1)}`;
  }).join(' ');
  const ticks = [0, 0.2, 0.4, 0.6, 0.8, 1];
  const grid = ticks
    .map(
      (t) =>
        `<line x1="${x(t)}" y1="${m.top}" x2="${x(t)}" y2="${m.top + h}" class="grid"/>` +
        `<line x1="${m.left}" y1="${y(t)}" x2="${m.left + w}" y2="${y(t)}" class="grid"/>` +
        `<text x="${x(t)}" y="${m.top + h + 18}" text-anchor="middle">${t}</text>` +
        `<text x="${m.left - 8}" y="${y(t) + 4}" text-anchor="end">${t}</text>`,
    )
    .join('');
  const dots = options.points
    .filter((p) => p.pairs > 0)
    .map(
      (p) =>
        `<circle cx="${x(p.jaccard).toFixed(1)}" cy="${y(p.rate).toFixed(1)}" r="${Math.min(7, 2.5 + Math.log10(p.pairs))}" class="dot"><title>J ≈ ${p.jaccard.toFixed(3)}: ${(p.rate * 100).toFixed(1)} % of ${p.pairs} pairs</title></circle>`,
    )
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" font-family="system-ui, sans-serif" font-size="12" role="img" aria-label="${escapeXml(options.title)}">
<title>${escapeXml(options.title)}</title>
<style>.grid{stroke:#e5e5e5}.curve{fill:none;stroke:#2563eb;stroke-width:2}.dot{fill:#dc2626;fill-opacity:.8}.threshold{stroke:#555;stroke-dasharray:4 4}text{fill:#222}</style>
<rect width="100%" height="100%" fill="#fff"/>
<text x="${m.left}" y="22" font-size="15" font-weight="600">${escapeXml(options.title)}</text>
<text x="${m.left}" y="40" fill="#555">${escapeXml(options.subtitle)}</text>
${grid}
<line x1="${x(options.threshold)}" y1="${m.top}" x2="${x(options.threshold)}" y2="${m.top + h}" class="threshold"/>
<text x="${x(options.threshold) + 4}" y="${m.top + h - 6}">threshold ${options.threshold}</text>
<path d="${path}" class="curve"/>
${dots}
<text x="${m.left + w / 2}" y="${height - 10}" text-anchor="middle">true Jaccard similarity of the pair</text>
<text transform="translate(16 ${m.top + h / 2}) rotate(-90)" text-anchor="middle">P(candidate)</text>
<g transform="translate(${m.left + 12} ${m.top + 14})"><line x1="0" y1="0" x2="22" y2="0" class="curve"/><text x="28" y="4">theory 1 − (1 − Jʳ)ᵇ</text><circle cx="11" cy="18" r="4" class="dot"/><text x="28" y="22">measured share of pairs made candidates</text></g>
</svg>
`;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
