export * from './registry';
export * from './scene-index';
export * from './import';
