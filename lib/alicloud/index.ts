// The Alibaba Cloud tiers (API.md). The generated bindings in ./gen stay internal: never re-export them.
export * from './interfaces';
export * from './provider';
export * from './network';
export * from './load-balancer';
export * from './app-tier';
export * from './backup-bucket';
export * from './backup-plan';
export * from './backup-replication-vault';
export * from './encryption-key';
export * from './database';
export * from './failover-dns';
export * from './state-backend';
export * from './bucket-replication';
export * from './db-cross-region-backup';
export * from './dts-replication';
