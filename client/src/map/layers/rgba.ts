/** An RGBA colour, 0–255 each: what deck.gl accessors take and what the legends turn into CSS. */
export type Rgba = readonly [number, number, number, number];

export function cssRgba(color: Rgba, alpha = color[3] / 255): string {
  return `rgba(${color[0]}, ${color[1]}, ${color[2]}, ${alpha})`;
}
