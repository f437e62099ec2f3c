/** A small line of shares (0..1) over time, oldest first; a gap where a value is missing. Decorative: the value is said beside it. */
export function Sparkline({ values, className }: { values: (number | null)[]; className?: string }) {
  const width = 120;
  const height = 28;
  const step = values.length > 1 ? width / (values.length - 1) : width;
  const segments: string[] = [];
  let current = "";
  values.forEach((value, index) => {
    if (value === null) {
      if (current) segments.push(current);
      current = "";
      return;
    }
    const x = (index * step).toFixed(1);
    const y = (height - 1 - Math.min(1, Math.max(0, value)) * (height - 2)).toFixed(1);
    current += `${current ? " L" : "M"}${x} ${y}`;
  });
  if (current) segments.push(current);
  return (
    <svg viewBox={`0 0 ${width} ${height}`} preserveAspectRatio="none" className={className} aria-hidden="true" data-testid="sparkline">
      <line x1="0" x2={width} y1={height - 1} y2={height - 1} className="stroke-border" strokeWidth="1" />
      {segments.map((d) => (
        <path key={d} d={d} fill="none" className="stroke-accent" strokeWidth="1.5" vectorEffect="non-scaling-stroke" />
      ))}
    </svg>
  );
}
