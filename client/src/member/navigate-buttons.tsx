import { useTranslation } from 'react-i18next';
import type { LngLatTuple } from '../api/locate.api.ts';
import { navigationLinks } from './navigation-links.ts';
import type { OwnPosition } from './use-own-position.ts';

/** 导航前往 (the phone's map app, by a geo: URI), 高德 / 百度 links, and 显示我的位置. */
export function NavigateButtons({ point, name, position, onLocate }: { point: LngLatTuple; name: string; position: OwnPosition; onLocate: () => void }) {
  const { t } = useTranslation();
  const links = navigationLinks(point, name);
  const note =
    position.status === 'locating' || position.status === 'denied' || position.status === 'unavailable' ? t(`memberPage.position.${position.status}`) : null;
  return (
    <section className="member-navigate">
      <a className="member-button navigate" href={links.geo} data-testid="member-navigate">
        {t('memberPage.navigate')}
      </a>
      <div className="member-navigate-apps">
        <a className="member-button secondary" href={links.amap} data-testid="member-navigate-amap">
          {t('memberPage.amap')}
        </a>
        <a className="member-button secondary" href={links.baidu} data-testid="member-navigate-baidu">
          {t('memberPage.baidu')}
        </a>
        <button
          type="button"
          className="member-button secondary"
          onClick={onLocate}
          disabled={position.status === 'locating' || position.status === 'shown'}
          data-testid="member-locate"
          data-position={position.status}
        >
          {t('memberPage.position.show')}
        </button>
      </div>
      {note && (
        <p className="muted member-position-note" role="status">
          {note}
        </p>
      )}
    </section>
  );
}
