import type { Page } from 'playwright-core';

export interface TextProblem {
  kind: 'overlap' | 'squeezed';
  texts: string[];
}

/**
 * Text on screen that overlaps other text, or is squeezed to about one character a line: for every
 * visible element with text of its own (not scrolled under a sticky bar), the box of that text
 * (clipped by scrolling ancestors) must
 * not overlap another's, and text of 2+ characters must not be narrower than about two characters
 * while taller than two lines.
 */
export function textLayoutProblems(page: Page): Promise<TextProblem[]> {
  return page.evaluate(() => {
    type Box = { left: number; top: number; right: number; bottom: number };
    const intersect = (a: Box, b: Box): Box => ({
      left: Math.max(a.left, b.left),
      top: Math.max(a.top, b.top),
      right: Math.min(a.right, b.right),
      bottom: Math.min(a.bottom, b.bottom),
    });
    const empty = (b: Box) => b.right - b.left < 1 || b.bottom - b.top < 1;
    const viewport: Box = { left: 0, top: 0, right: window.innerWidth, bottom: window.innerHeight };

    function clipOf(element: Element): Box {
      let clip = viewport;
      for (let parent = element.parentElement; parent; parent = parent.parentElement) {
        const style = getComputedStyle(parent);
        if (style.overflowX !== 'visible' || style.overflowY !== 'visible') clip = intersect(clip, parent.getBoundingClientRect());
      }
      return clip;
    }

    function pinned(element: Element): boolean {
      for (let e: Element | null = element; e; e = e.parentElement) {
        const position = getComputedStyle(e).position;
        if (position === 'sticky' || position === 'fixed') return true;
      }
      return false;
    }

    const texts: { text: string; box: Box; element: Element; fontSize: number }[] = [];
    for (const element of document.body.querySelectorAll('*')) {
      const own = [...element.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').trim() !== '');
      if (own.length === 0) continue;
      const style = getComputedStyle(element);
      if (style.visibility !== 'visible' || Number(style.opacity) === 0) continue;
      const range = document.createRange();
      range.setStartBefore(own[0]!);
      range.setEndAfter(own[own.length - 1]!);
      const rect = range.getBoundingClientRect();
      const box = intersect({ left: rect.left, top: rect.top, right: rect.right, bottom: rect.bottom }, clipOf(element));
      if (empty(box)) continue;
      // text scrolled under a sticky or fixed bar is not visible; other covers still count as overlaps
      const hit = document.elementFromPoint((box.left + box.right) / 2, (box.top + box.bottom) / 2);
      if (hit && !element.contains(hit) && !hit.contains(element) && pinned(hit) && !pinned(element)) continue;
      const text = own.map((n) => n.textContent!.trim()).join(' ');
      texts.push({ text, box, element, fontSize: parseFloat(style.fontSize) });
    }

    const problems: { kind: 'overlap' | 'squeezed'; texts: string[] }[] = [];
    const slack = 1;
    for (let i = 0; i < texts.length; i++) {
      const a = texts[i]!;
      const width = a.box.right - a.box.left;
      const height = a.box.bottom - a.box.top;
      if ([...a.text].length > 1 && width < a.fontSize * 1.8 && height > a.fontSize * 1.25 * 2) problems.push({ kind: 'squeezed', texts: [a.text] });
      for (let j = i + 1; j < texts.length; j++) {
        const b = texts[j]!;
        if (a.element.contains(b.element) || b.element.contains(a.element)) continue;
        const both = intersect(a.box, b.box);
        if (both.right - both.left > slack && both.bottom - both.top > slack) problems.push({ kind: 'overlap', texts: [a.text, b.text] });
      }
    }
    return problems;
  });
}
