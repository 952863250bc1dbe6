export * from './registry';
export * from './scene-index';
