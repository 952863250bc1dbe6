export * from './permissions';
export * from './access';
export * from './password';
export * from './password-policy';
export * from './session';
export * from './throttle';
export * from './profile';
export * from './sign-in';
