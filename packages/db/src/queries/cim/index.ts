export * from './registry';
export * from './scene-index';
export * from './import';
export * from './search';
export * from './browse';
