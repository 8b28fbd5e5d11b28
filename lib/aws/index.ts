// The AWS tiers, each usable on its own (API.md).
export * from './interfaces';
export * from './encryption-key';
export * from './private-bucket';
export * from './network';
export * from './certificate';
export * from './load-balancer';
export * from './app-tier';
export * from './database';
export * from './backup-bucket';
export * from './backup-plan';
export * from './db-backup-replication';
export * from './bucket-replication';
export * from './failover-dns';
export * from './state-backend';
