import { useEffect, useState } from 'react';

/** The wall is designed for 1920×1080 and drawn at any size of that shape (3840×2160: ×2). */
export const designWidth = 1920;
export const designHeight = 1080;

export function wallScale(width = window.innerWidth, height = window.innerHeight): number {
  return Math.max(0.25, Math.min(width / designWidth, height / designHeight));
}

/** Design pixels → screen pixels, for what CSS does not size: deck.gl markers, chart text. */
export function useWallScale(): number {
  const [scale, setScale] = useState(() => wallScale());
  useEffect(() => {
    const onResize = () => setScale(wallScale());
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  return scale;
}
