import type { TFunction } from 'i18next';

/** MapLibre's own UI strings (control titles, scale units) in the page's language. */
export function mapLocale(t: TFunction): Record<string, string> {
  return {
    'AttributionControl.ToggleAttribution': t('map.controls.toggleAttribution'),
    'Map.Title': t('map.label'),
    'Marker.Title': t('map.controls.marker'),
    'NavigationControl.ResetBearing': t('map.controls.resetBearing'),
    'NavigationControl.ZoomIn': t('map.controls.zoomIn'),
    'NavigationControl.ZoomOut': t('map.controls.zoomOut'),
    'Popup.Close': t('map.controls.closePopup'),
    'ScaleControl.Meters': t('map.controls.meters'),
    'ScaleControl.Kilometers': t('map.controls.kilometers'),
    'CooperativeGesturesHandler.MobileHelpText': t('map.controls.twoFingers'),
  };
}
