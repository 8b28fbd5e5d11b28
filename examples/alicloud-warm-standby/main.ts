// The shop in two Alibaba Cloud regions with a warm standby: cn-hangzhou serves; cn-shanghai runs a
// scaled-down copy whose RDS instance DTS keeps in sync; GTM fails traffic over by its health checks.
import { App } from 'cdktf';
import { Cloud, DatabaseEngine, DrStrategy, HighAvailabilityStack } from '../../lib';

const app = new App();
new HighAvailabilityStack(app, 'shop', {
  cloud: Cloud.ALICLOUD,
  regions: ['cn-hangzhou', 'cn-shanghai'],
  drStrategy: DrStrategy.WARM_STANDBY,
  dns: { zoneName: 'example.com', recordName: 'shop.example.com', ttlSeconds: 60 },
  app: { instanceType: 'ecs.g7.large', port: 8080, healthCheckPath: '/health', minCapacity: 3, maxCapacity: 9 },
  database: { engine: DatabaseEngine.MYSQL, instanceClass: 'mysql.n2.medium.2c', allocatedStorageGb: 50, databaseName: 'shop' },
  backup: { retentionDays: 35 },
  stateBackend: { bucketPrefix: 'shop-tfstate' },
  tags: { team: 'shop' },
});
app.synth();
