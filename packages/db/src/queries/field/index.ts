export * from './tables';
export * from './worker';
export * from './pull';
export * from './push';
export * from './notify';
export * from './photos';
export * from './places';
export * from './jobs';
