import { BarChart, PieChart, type BarSeriesOption, type PieSeriesOption } from 'echarts/charts';
import { GridComponent, LegendComponent, type GridComponentOption, type LegendComponentOption } from 'echarts/components';
import { init, use as install, type ComposeOption, type ECharts } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

/** Only what the wall draws: bar and pie charts, axes, legends, on canvas. */
install([BarChart, PieChart, GridComponent, LegendComponent, CanvasRenderer]);

export type WallChartOption = ComposeOption<BarSeriesOption | PieSeriesOption | GridComponentOption | LegendComponentOption>;
export { init, type ECharts };
