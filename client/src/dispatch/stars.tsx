import { useTranslation } from 'react-i18next';

const maxStars = 5;

/** 党员评星 as filled and empty stars, read out as "3 星". */
export function Stars({ count }: { count: number }) {
  const { t } = useTranslation();
  const filled = Math.max(0, Math.min(maxStars, Math.round(count)));
  return (
    <span className="stars" role="img" aria-label={t('stars', { count: filled })} title={t('stars', { count: filled })}>
      {'★'.repeat(filled)}
      <span className="stars-empty">{'★'.repeat(maxStars - filled)}</span>
    </span>
  );
}
