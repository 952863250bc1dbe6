// The scene and export half of the CIM queries (the registry half is the data side's).
export * from './scene';
export * from './scene-model';
export * from './scene-devices';
export * from './scene-cases';
export * from './scene-district';
export * from './scene-version';
export { clearSceneCache } from './scene-cache';
export * from './export';
