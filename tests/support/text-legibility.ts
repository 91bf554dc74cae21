import type { Page } from 'playwright-core';

/** One element's own text as drawn: its size and its contrast with what lies behind it. */
export interface DrawnText {
  text: string;
  /** The element, as `tag.class`, to find it in a failure. */
  where: string;
  fontPx: number;
  /** WCAG 2 contrast ratio, 1 to 21. */
  contrast: number;
}

/**
 * Every visible element with a non-empty text node of its own (HTML and SVG, so echarts' SVG labels
 * count): its computed font size, and the WCAG contrast of its colour (SVG: its fill) against its
 * effective background — the background colours of it and its ancestors composited from the first
 * opaque one up, the text's alpha multiplied by every ancestor's opacity. Gradients and images are
 * not seen: panels here draw them only as faint tints over an opaque colour.
 */
export function measureDrawnTexts(page: Page): Promise<DrawnText[]> {
  return page.evaluate(() => {
    type Rgba = [number, number, number, number];
    const parse = (value: string): Rgba => {
      if (value === 'transparent' || value === 'none' || value === '') return [0, 0, 0, 0];
      const srgb = /^color\(srgb ([\d.e-]+) ([\d.e-]+) ([\d.e-]+)(?: \/ ([\d.e-]+))?\)$/.exec(value);
      if (srgb) return [Number(srgb[1]) * 255, Number(srgb[2]) * 255, Number(srgb[3]) * 255, srgb[4] === undefined ? 1 : Number(srgb[4])];
      const rgb = /^rgba?\(([\d.]+),? ([\d.]+),? ([\d.]+)(?:,? \/? ?([\d.]+%?))?\)$/.exec(value);
      if (!rgb) throw new Error(`unreadable colour ${value}`);
      const alpha = rgb[4] === undefined ? 1 : rgb[4].endsWith('%') ? Number(rgb[4].slice(0, -1)) / 100 : Number(rgb[4]);
      return [Number(rgb[1]), Number(rgb[2]), Number(rgb[3]), alpha];
    };
    const over = (top: Rgba, below: Rgba): Rgba => {
      const a = top[3];
      return [top[0] * a + below[0] * (1 - a), top[1] * a + below[1] * (1 - a), top[2] * a + below[2] * (1 - a), 1];
    };
    const luminance = ([r, g, b]: Rgba) => {
      const channel = (c: number) => {
        const s = c / 255;
        return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
    };
    const background = (element: Element): Rgba => {
      const layers: Rgba[] = [];
      for (let at: Element | null = element; at; at = at.parentElement) {
        if (at instanceof SVGElement) continue;
        const color = parse(getComputedStyle(at).backgroundColor);
        if (color[3] > 0) layers.push(color);
        if (color[3] >= 1) break;
      }
      let result: Rgba = [255, 255, 255, 1];
      for (const layer of layers.reverse()) result = over(layer, result);
      return result;
    };
    const opacity = (element: Element) => {
      let product = 1;
      for (let at: Element | null = element; at; at = at.parentElement) product *= Number(getComputedStyle(at).opacity);
      return product;
    };
    const drawn: { text: string; where: string; fontPx: number; contrast: number }[] = [];
    for (const element of document.body.querySelectorAll('*')) {
      const own = [...element.childNodes]
        .filter((node) => node.nodeType === Node.TEXT_NODE)
        .map((node) => node.textContent ?? '')
        .join('')
        .trim();
      if (own === '' || element.getClientRects().length === 0) continue;
      const style = getComputedStyle(element);
      if (style.visibility !== 'visible' || ['SCRIPT', 'STYLE', 'TITLE'].includes(element.tagName.toUpperCase())) continue;
      const svg = element instanceof SVGElement;
      const color = parse(svg ? style.fill : style.color);
      color[3] *= (svg ? Number(style.fillOpacity) : 1) * opacity(element);
      const behind = background(element);
      const front = over(color, behind);
      const [light, dark] = [luminance(front), luminance(behind)].sort((a, b) => b - a) as [number, number];
      drawn.push({
        text: own.slice(0, 40),
        where: `${element.tagName.toLowerCase()}.${[...element.classList].join('.')}`,
        fontPx: parseFloat(style.fontSize),
        contrast: (light + 0.05) / (dark + 0.05),
      });
    }
    return drawn;
  });
}
