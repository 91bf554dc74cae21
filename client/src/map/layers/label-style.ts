import type { Color } from '@deck.gl/core';

/** System CJK fonts only: nothing is downloaded. */
export const labelFontFamily =
  '"Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", "Hiragino Sans GB", sans-serif';

/** SDF glyphs, so that labels can carry a white halo. */
export const labelFontSettings = { sdf: true, fontSize: 32, buffer: 4, radius: 8 } as const;

export const haloColor: Color = [255, 255, 255, 235];
export const haloWidth = 0.55;
