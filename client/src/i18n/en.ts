import type { Messages } from './zh-CN.ts';

export const en: Messages = {
  app: {
    name: 'RedGrid',
    subtitle: 'Party-building grid map',
    title: 'RedGrid · Party-building grid map',
  },
  language: {
    label: 'Language',
    'zh-CN': '中文',
    en: 'EN',
  },
  map: {
    label: 'Party-building grid map; click the map to find the grid of a place',
  },
  locate: {
    title: 'Locate',
    hint: 'Click anywhere on the map to see its town, community or village, grid and Party organization.',
    loading: 'Looking up…',
    point: 'Clicked point',
    county: 'County / district',
    town: 'Town / subdistrict',
    community: 'Community / village',
    grid: 'Grid',
    branch: 'Grid Party branch',
    leader: 'Grid leader',
    serviceCenter: 'Nearest Party service center / station',
    distance: 'Distance',
    none: 'None',
    noGrid: 'Not in a grid',
    outsideTerritory: 'This place is outside the territory',
    networkError: 'Cannot reach the server, please try again later',
    close: 'Close',
    level: {
      community: 'community',
      village: 'village',
    },
    placeKind: {
      service_center: 'service center',
      service_station: 'service station',
    },
  },
  distance: {
    meters: '{{value}} m',
    kilometers: '{{value}} km',
  },
  notFound: {
    title: 'Page not found',
    back: 'Back to the map',
  },
};
