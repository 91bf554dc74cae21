import type { LngLatTuple } from '../api/locate.api.ts';

export interface NavigationLinks {
  /** RFC 5870 `geo:` URI: Android offers the phone's map apps. */
  geo: string;
  /** 高德地图 (Amap); `dev=1`: the point is WGS-84 and Amap shifts it to GCJ-02 itself. */
  amap: string;
  /** 百度地图; `coord_type=wgs84` for the same reason. */
  baidu: string;
}

/** Links that open the phone's map app with a route to `point` ([lng, lat], WGS-84), named `name`. */
export function navigationLinks(point: LngLatTuple, name: string): NavigationLinks {
  const lat = point[1].toFixed(6);
  const lng = point[0].toFixed(6);
  // parentheses too: the geo: label is the text inside them
  const label = encodeURIComponent(name).replace(/\(/g, '%28').replace(/\)/g, '%29');
  return {
    geo: `geo:${lat},${lng}?q=${lat},${lng}(${label})`,
    amap: `amapuri://route/plan/?dlat=${lat}&dlon=${lng}&dname=${label}&dev=1&t=2`,
    baidu: `baidumap://map/direction?destination=latlng:${lat},${lng}|name:${label}&coord_type=wgs84&mode=walking`,
  };
}
