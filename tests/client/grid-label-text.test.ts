import { describe, expect, it } from 'vitest';
import { gridLabelText } from '../../client/src/map/layers/grid-labels.layer.ts';

describe('grid names on the map', () => {
  it('drop their note in brackets below zoom 15, so they stay short beside community names', () => {
    expect(gridLabelText('第16网格(区人民医院专属网格)', 13.5)).toBe('第16网格');
    expect(gridLabelText('第3网格（商贸城）', 14)).toBe('第3网格');
    expect(gridLabelText('第16网格(区人民医院专属网格)', 15)).toBe('第16网格(区人民医院专属网格)');
    expect(gridLabelText('第1网格', 13)).toBe('第1网格');
  });
});
