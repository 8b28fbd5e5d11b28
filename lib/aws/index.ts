export * from './interfaces';
export * from './encryption-key';
export * from './private-bucket';
