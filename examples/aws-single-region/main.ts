// A zone-redundant shop in one AWS region: ALB over 3 zones, an auto-scaling app tier, a Multi-AZ
// MySQL database with a read replica, and backups. `npx cdktf synth` at the repository root builds it.
import { App } from 'cdktf';
import { Cloud, DatabaseEngine, HighAvailabilityStack } from '../../lib';

const app = new App();
new HighAvailabilityStack(app, 'shop', {
  cloud: Cloud.AWS,
  regions: ['us-east-1'],
  dns: { zoneName: 'example.com', recordName: 'shop.example.com' },
  app: { instanceType: 't3.small', port: 8080, healthCheckPath: '/health', minCapacity: 3, maxCapacity: 9 },
  database: { engine: DatabaseEngine.MYSQL, instanceClass: 'db.t3.medium', allocatedStorageGb: 50, readReplicas: 1 },
  backup: { retentionDays: 35 },
  tags: { team: 'shop', environment: 'production' },
});
app.synth();
