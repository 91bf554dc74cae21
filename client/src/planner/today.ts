/** Today's date in China Standard Time (UTC+8), as YYYY-MM-DD: the day a plan approved now takes effect. */
export function todayInChina(now = Date.now()): string {
  return new Date(now + 8 * 3_600_000).toISOString().slice(0, 10);
}
