import type { TFunction } from 'i18next';

/** 63,636 in the page's language. */
export function formatCount(value: number | null | undefined, language: string): string {
  return value === null || value === undefined ? '—' : value.toLocaleString(language);
}

/** A 0–1 share as 60.8%. */
export function formatRate(value: number | null | undefined, language: string): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return `${(value * 100).toLocaleString(language, { minimumFractionDigits: 1, maximumFractionDigits: 1 })}%`;
}

/** Seconds as 45秒, 3分12秒, 2小时5分. */
export function formatDuration(seconds: number | null | undefined, t: TFunction): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return t('wall.figures.none');
  const s = Math.round(seconds);
  if (s < 60) return t('wall.figures.seconds', { s });
  if (s < 3600) return t('wall.figures.minutes', { m: Math.floor(s / 60), s: s % 60 });
  return t('wall.figures.hours', { h: Math.floor(s / 3600), m: Math.floor((s % 3600) / 60) });
}

/** 800 米 / 1.5 公里 for a distance setting. */
export function formatMeters(meters: number, t: TFunction): string {
  return meters >= 1000
    ? t('distance.kilometers', { value: (meters / 1000).toLocaleString(undefined, { maximumFractionDigits: 1 }) })
    : t('distance.meters', { value: Math.round(meters) });
}

/** 14:05:09 today, 3月5日 14:05:09 on another day. */
export function formatStamp(date: Date | null, language: string, now = new Date()): string {
  if (!date || Number.isNaN(date.getTime())) return '—';
  const time = date.toLocaleTimeString(language, { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
  if (date.toDateString() === now.toDateString()) return time;
  return `${date.toLocaleDateString(language, { month: 'short', day: 'numeric' })} ${time}`;
}
