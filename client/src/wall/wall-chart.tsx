import { useEffect, useRef } from 'react';
import { init, type ECharts, type WallChartOption } from './echarts.ts';

export interface WallChartProps {
  option: WallChartOption;
  /** Accessible description of what the chart shows. */
  label: string;
  testId?: string;
}

/** One echarts chart filling its box; follows the box's size; disposed with the component. */
export function WallChart({ option, label, testId }: WallChartProps) {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);

  useEffect(() => {
    if (!element.current) return;
    const instance = init(element.current, null, { renderer: 'svg' });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(element.current);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    // merge: bars grow to their new length instead of being redrawn from nothing
    chart.current?.setOption(option, { lazyUpdate: true });
  }, [option]);

  return <div ref={element} className="wall-chart" role="img" aria-label={label} data-testid={testId} />;
}
