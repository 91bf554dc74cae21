export * from './error.ts';
export * from './geo.ts';
export * from './areas.ts';
export * from './grids.ts';
export * from './locate.ts';
