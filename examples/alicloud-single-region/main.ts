// A zone-redundant shop in one Alibaba Cloud region (cn-hangzhou): ALB over 3 zones, an ESS app tier,
// RDS MySQL High-availability edition across two zones, and OSS + HBR backups.
import { App } from 'cdktf';
import { Cloud, DatabaseEngine, HighAvailabilityStack } from '../../lib';

const app = new App();
new HighAvailabilityStack(app, 'shop', {
  cloud: Cloud.ALICLOUD,
  regions: ['cn-hangzhou'],
  dns: { zoneName: 'example.com', recordName: 'shop.example.com', ttlSeconds: 600 },
  app: { instanceType: 'ecs.g7.large', port: 8080, healthCheckPath: '/health', minCapacity: 3, maxCapacity: 9 },
  database: { engine: DatabaseEngine.MYSQL, instanceClass: 'mysql.n2.medium.2c', allocatedStorageGb: 50, readReplicas: 1 },
  backup: { retentionDays: 35 },
  tags: { team: 'shop', environment: 'production' },
});
app.synth();
