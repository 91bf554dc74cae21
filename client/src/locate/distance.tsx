import { useTranslation } from 'react-i18next';
import { distanceText } from './format-distance.ts';

/** A distance as the locate panel writes it: 850 米, 1.2 公里. */
export function Distance({ meters }: { meters: number }) {
  const { t } = useTranslation();
  const { unit, value } = distanceText(meters);
  return <>{t(`distance.${unit}`, { value })}</>;
}

/** The same as plain text, for attributes and interpolation. */
export function useDistanceText(): (meters: number) => string {
  const { t } = useTranslation();
  return (meters) => {
    const { unit, value } = distanceText(meters);
    return t(`distance.${unit}`, { value });
  };
}
