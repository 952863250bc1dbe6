export * from './provision';
export * from './ledger';
export * from './alarms';
export * from './commands';
export * from './rejects';
export * from './settings';
export * from './alarm-context';
