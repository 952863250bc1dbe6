// Runtime-only modules (setup, embedded, migrate) are imported by path so the web bundle
// never pulls in the embedded PostgreSQL binaries.
export * from './schema';
export * from './client';
export * from './scope';
export * from './audit';
export * from './errors';
export * from './reference-errors';
export * from './queries';
