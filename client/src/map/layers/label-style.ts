import type { Color } from '@deck.gl/core';

/** System CJK fonts only: nothing is downloaded. */
export const labelFontFamily = '"Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", "Hiragino Sans GB", sans-serif';

/** SDF glyphs, so that labels can carry a white halo. */
export const labelFontSettings = { sdf: true, fontSize: 32, buffer: 4, radius: 8 } as const;

export const haloColor: Color = [255, 255, 255, 235];
export const haloWidth = 0.55;

/** The TextLayer props every map label shares: a CJK system font with a white SDF halo. */
export const labelTextProps = {
  characterSet: 'auto',
  fontFamily: labelFontFamily,
  fontWeight: 600,
  fontSettings: labelFontSettings,
  outlineWidth: haloWidth,
  outlineColor: haloColor,
  sizeUnits: 'pixels',
  getTextAnchor: 'middle',
  getAlignmentBaseline: 'center',
  pickable: false,
} as const;
