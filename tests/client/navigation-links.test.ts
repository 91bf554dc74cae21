import { describe, expect, it } from 'vitest';
import { navigationLinks } from '../../client/src/member/navigation-links.ts';

describe("the member's navigation links", () => {
  const links = navigationLinks([104.7412345, 31.4654321], '幸福巷3栋 (楼道)');

  it('gives a geo: URI with latitude first and the incident named, as RFC 5870 and Android read it', () => {
    expect(links.geo).toBe('geo:31.465432,104.741235?q=31.465432,104.741235(%E5%B9%B8%E7%A6%8F%E5%B7%B73%E6%A0%8B%20%28%E6%A5%BC%E9%81%93%29)');
  });

  it('tells Amap and Baidu the point is WGS-84, so they shift it to their own datum themselves', () => {
    expect(links.amap).toMatch(/^amapuri:\/\/route\/plan\/\?dlat=31\.465432&dlon=104\.741235&dname=[^&]+&dev=1&t=2$/);
    expect(links.baidu).toMatch(/^baidumap:\/\/map\/direction\?destination=latlng:31\.465432,104\.741235\|name:[^&]+&coord_type=wgs84&mode=walking$/);
  });

  it('fetches nothing: every link is a URI scheme the phone hands to an app', () => {
    for (const link of Object.values(links)) expect(link).not.toMatch(/^https?:/);
  });
});
