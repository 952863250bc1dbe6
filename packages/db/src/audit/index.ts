export * from './append';
export * from './verify';
export { canonicalJson, digest, GENESIS_HASH } from './canonical';
