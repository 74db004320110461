import { useMediaQuery } from '@mantine/hooks';
import { competenceAreaLabels, competenceAssessmentLabel } from '../../labels';
import type { CompetenceArea, CompetenceResult } from '../../types';
import { DataTable } from '../../components/ui';

type Assessment = Parameters<typeof competenceAssessmentLabel>[0];

const areas = Object.keys(competenceAreaLabels) as CompetenceArea[];

/** The 003 §5.4 bands behind the bars, each with its label's position. */
const bands = [
  { from: 0, to: 50, labelAt: 25, className: 'band-deficit', label: 'дефицит' },
  { from: 50, to: 81, labelAt: 65, className: 'band-basic', label: 'базовый' },
  { from: 81, to: 100, labelAt: 90.5, className: 'band-high', label: 'высокий' },
] as const;

/** One diagnostics' bar from 0 % with its value after it (10 below the bar's top). */
function Bar({
  x,
  percent,
  y,
  height,
  className,
}: {
  x: (percent: number) => number;
  percent: number;
  y: number;
  height: number;
  className: string;
}) {
  return (
    <>
      <rect x={x(0)} y={y} width={x(percent) - x(0)} height={height} className={className} />
      <text x={x(percent) + 4} y={y + 10} className="bar-value">
        {percent} %
      </text>
    </>
  );
}

/**
 * Competence levels, initial diagnostics against control diagnostics, as horizontal bars on 0–100 %
 * with the 003 §5.4 bands (below 50 % deficit, 50–80 % basic, 81–100 % high). Plain SVG; the same
 * figures follow as a table for screen readers and for copying.
 */
export function CompetenceChart({ initial, control }: { initial?: CompetenceResult[]; control?: CompetenceResult[] }) {
  const byArea = (results?: CompetenceResult[]) => new Map((results ?? []).map((r) => [r.area, r]));
  const before = byArea(initial);
  const after = byArea(control);
  const shown = areas.filter((a) => before.has(a) || after.has(a));
  const narrow = useMediaQuery('(max-width: 700px)');
  if (shown.length === 0) return <p className="empty">Диагностика ещё не проводилась.</p>;

  // On a phone each area's name stands above its bars, so the whole 0–100 % scale fits the screen's width.
  const compact = narrow === true;
  const labelWidth = compact ? 4 : 320;
  const plotWidth = compact ? 300 : 420;
  const labelHeight = compact ? 16 : 0;
  const rowHeight = (control ? 34 : 24) + labelHeight;
  const top = 28;
  const height = top + shown.length * rowHeight + 24;
  const x = (percent: number) => labelWidth + (percent / 100) * plotWidth;

  return (
    <figure className="chart">
      {/* On a phone the chart keeps a readable size and scrolls sideways inside its own box. */}
      <div className="chart-scroll">
        <svg
          viewBox={`0 0 ${labelWidth + plotWidth + 50} ${height}`}
          role="img"
          aria-labelledby="chart-title chart-desc"
          className="chart-svg"
        >
          <title id="chart-title">Уровень компетенций</title>
          <desc id="chart-desc">
            {shown
              .map(
                (a) =>
                  `${competenceAreaLabels[a]}: ${before.get(a)?.percent ?? '—'} %${control ? ` → ${after.get(a)?.percent ?? '—'} %` : ''}`,
              )
              .join('; ')}
          </desc>
          {bands.map((band) => (
            <rect
              key={band.className}
              x={x(band.from)}
              y={top - 6}
              width={x(band.to) - x(band.from)}
              height={shown.length * rowHeight + 6}
              className={band.className}
            />
          ))}
          {bands.map((band) => (
            <text key={band.label} x={x(band.labelAt)} y={16} className="band-label" textAnchor="middle">
              {band.label}
            </text>
          ))}
          {shown.map((area, i) => {
            const y = top + i * rowHeight;
            const first = before.get(area);
            const last = after.get(area);
            return (
              <g key={area}>
                {compact ? (
                  <text x={labelWidth} y={y + 11} className="axis-label">
                    {competenceAreaLabels[area]}
                  </text>
                ) : (
                  <text x={labelWidth - 8} y={y + (control ? 16 : 12)} textAnchor="end" className="axis-label">
                    {competenceAreaLabels[area]}
                  </text>
                )}
                {first ? (
                  <Bar
                    x={x}
                    percent={first.percent}
                    y={y + labelHeight}
                    height={control ? 12 : 14}
                    className="bar-initial"
                  />
                ) : null}
                {last ? (
                  <Bar x={x} percent={last.percent} y={y + labelHeight + 14} height={12} className="bar-control" />
                ) : null}
              </g>
            );
          })}
          {[0, 50, 81, 100].map((tick) => (
            <text key={tick} x={x(tick)} y={height - 6} textAnchor="middle" className="axis-label">
              {tick} %
            </text>
          ))}
        </svg>
      </div>
      <figcaption>
        <span className="legend legend-initial">Входная диагностика</span>
        {control ? (
          <span className="legend legend-control">Контрольная диагностика</span>
        ) : (
          <span className="hint"> Контрольная диагностика ещё не проводилась.</span>
        )}
      </figcaption>
      <details>
        <summary>Таблица значений</summary>
        <DataTable columns={['Компетенция', 'Входная', 'Контрольная']}>
          {shown.map((area) => {
            const first = before.get(area);
            const last = after.get(area);
            return (
              <tr key={area}>
                <th scope="row">{competenceAreaLabels[area]}</th>
                <td>{first ? `${first.percent} % — ${competenceAssessmentLabel(first as Assessment)}` : '—'}</td>
                <td>{last ? `${last.percent} % — ${competenceAssessmentLabel(last as Assessment)}` : '—'}</td>
              </tr>
            );
          })}
        </DataTable>
      </details>
    </figure>
  );
}
