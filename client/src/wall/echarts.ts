import { BarChart, PieChart, type BarSeriesOption, type PieSeriesOption } from 'echarts/charts';
import { GridComponent, LegendComponent, type GridComponentOption, type LegendComponentOption } from 'echarts/components';
import { init, use as install, type ComposeOption, type ECharts } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

/**
 * Only what the wall draws: bar and pie charts, axes, legends, as SVG: its text is in the DOM, so the
 * wall's test measures chart labels like any other text.
 */
install([BarChart, PieChart, GridComponent, LegendComponent, SVGRenderer]);

export type WallChartOption = ComposeOption<BarSeriesOption | PieSeriesOption | GridComponentOption | LegendComponentOption>;
export { init, type ECharts };
