import type { TFunction } from 'i18next';
import type { AreaFigures, StatsSummary } from '../api/contract.ts';
import type { WallChartOption } from './echarts.ts';

/** Chart options for the wall, in design pixels times `scale`; no text under 16 (32px at 4K). */

export const chartColors = {
  text: '#c9d3e6',
  muted: '#8d9ab5',
  axis: '#24314b',
  members: '#e8453c',
  available: '#f6c244',
  coverage: '#43c3a8',
  reach: '#5aa9ff',
  sectors: ['#e8453c', '#f6c244', '#5aa9ff', '#43c3a8', '#b07cf7', '#ff8a5b', '#7dd3fc', '#f472b6', '#a3e635'],
} as const;

const knownSectors = ['village', 'community', 'enterprise', 'social_org', 'agency', 'school', 'hospital', 'industrial_park', 'joint'] as const;

function sectorLabel(sector: string, t: TFunction): string {
  return (knownSectors as readonly string[]).includes(sector) ? t(`wall.sector.${sector as (typeof knownSectors)[number]}`) : sector;
}

/** Bars a chart has room for with its labels at 16 design pixels, one line each. */
export const chartedLimit = 8;

/** The child areas to chart: the largest by members first, at most `limit`. */
export function chartedChildren(summary: StatsSummary, limit = chartedLimit): AreaFigures[] {
  return [...summary.children].sort((a, b) => b.members.total - a.members.total).slice(0, limit);
}

/** Canvas text needs a real family ('inherit' would fall back to 10px sans-serif). */
const chartFont = '"Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif';

/** The smallest text on the wall, in design pixels. */
const minText = 16;

function axisText(scale: number) {
  return { color: chartColors.text, fontSize: minText * scale, fontFamily: chartFont };
}

function legend(scale: number, names: string[]): WallChartOption['legend'] {
  return {
    top: 0,
    right: 0,
    itemWidth: 12 * scale,
    itemHeight: 8 * scale,
    itemGap: 14 * scale,
    textStyle: { color: chartColors.muted, fontSize: minText * scale, fontFamily: chartFont },
    data: names,
  };
}

function horizontalBars(
  children: AreaFigures[],
  scale: number,
  series: { name: string; color: string; value: (a: AreaFigures) => number | null; percent?: boolean }[],
): WallChartOption {
  const names = [...children].reverse().map((c) => c.name);
  const percent = series.some((s) => s.percent);
  return {
    textStyle: { fontFamily: chartFont },
    animationDuration: 800,
    animationDurationUpdate: 800,
    legend: legend(
      scale,
      series.map((s) => s.name),
    ),
    grid: { left: 4 * scale, right: 56 * scale, top: 30 * scale, bottom: 0, containLabel: true },
    xAxis: {
      type: 'value',
      max: percent ? 100 : undefined,
      splitNumber: 3,
      axisLabel: { ...axisText(scale), color: chartColors.muted, formatter: percent ? '{value}%' : undefined },
      splitLine: { lineStyle: { color: chartColors.axis } },
    },
    yAxis: {
      type: 'category',
      data: names,
      // every area named (no skipped labels), whole: a long name breaks onto a second line
      axisLabel: { ...axisText(scale), interval: 0, width: 88 * scale, overflow: 'break' },
      axisLine: { lineStyle: { color: chartColors.axis } },
      axisTick: { show: false },
    },
    series: series.map((s) => ({
      type: 'bar',
      name: s.name,
      data: [...children].reverse().map((c) => {
        const v = s.value(c);
        return v === null ? null : s.percent ? Math.round(v * 1000) / 10 : v;
      }),
      barGap: '15%',
      barCategoryGap: '30%',
      itemStyle: { color: s.color, borderRadius: [0, 3 * scale, 3 * scale, 0] },
      label: {
        show: s === series[0],
        position: 'right',
        color: chartColors.text,
        fontSize: minText * scale,
        formatter: (p: { value?: unknown }) => (typeof p.value === 'number' ? (s.percent ? `${p.value}%` : p.value.toLocaleString()) : ''),
      },
    })),
  };
}

export function membersByAreaOption(summary: StatsSummary, scale: number, t: TFunction): WallChartOption {
  return horizontalBars(chartedChildren(summary), scale, [
    { name: t('wall.charts.members'), color: chartColors.members, value: (a) => a.members.total },
    { name: t('wall.charts.available'), color: chartColors.available, value: (a) => a.members.available },
  ]);
}

export function coverageByAreaOption(summary: StatsSummary, scale: number, t: TFunction): WallChartOption {
  return horizontalBars(chartedChildren(summary), scale, [
    { name: t('wall.charts.newOrgCoverage'), color: chartColors.coverage, value: (a) => a.new_orgs.coverage_rate, percent: true },
    { name: t('wall.charts.reachRate'), color: chartColors.reach, value: (a) => a.coverage.reach_rate, percent: true },
  ]);
}

export function orgsBySectorOption(summary: StatsSummary, scale: number, t: TFunction): WallChartOption {
  const data = Object.entries(summary.organizations.by_sector)
    .filter(([, count]) => count > 0)
    .sort((a, b) => b[1] - a[1])
    .map(([sector, value]) => ({ name: sectorLabel(sector, t), value }));
  // the total in the hole: a centre label on one slice only (on every slice it would be drawn N times)
  const centre = {
    show: true,
    position: 'center' as const,
    formatter: `{total|${summary.organizations.total.toLocaleString()}}\n{unit|${t('wall.charts.orgUnit')}}`,
    color: chartColors.text,
    // the unit at the smallest size, so "organizations" fits the hole
    rich: {
      total: { fontSize: 20 * scale, fontWeight: 'bold' as const, lineHeight: 26 * scale, color: chartColors.text },
      unit: { fontSize: minText * scale, lineHeight: 22 * scale, color: chartColors.text },
    },
  };
  return {
    color: [...chartColors.sectors],
    textStyle: { fontFamily: chartFont },
    animationDurationUpdate: 800,
    legend: {
      orient: 'vertical',
      right: 0,
      top: 'middle',
      itemWidth: 10 * scale,
      itemHeight: 10 * scale,
      itemGap: 6 * scale,
      textStyle: { color: chartColors.text, fontSize: minText * scale, fontFamily: chartFont },
      formatter: (name: string) => {
        const item = data.find((d) => d.name === name);
        return item ? `${name}  ${item.value.toLocaleString()}` : name;
      },
    },
    series: [
      {
        type: 'pie',
        radius: ['60%', '84%'],
        center: ['25%', '50%'],
        avoidLabelOverlap: true,
        padAngle: 1.5,
        itemStyle: { borderRadius: 3 * scale, borderColor: '#0b1220', borderWidth: 1 * scale },
        label: { show: false },
        labelLine: { show: false },
        emphasis: { disabled: true },
        data: data.map((d, i) => (i === 0 ? { ...d, label: centre } : d)),
      },
    ],
  };
}
