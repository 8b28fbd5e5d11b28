// A shop in two AWS regions with a warm standby: us-east-1 serves, us-west-2 runs a scaled-down copy
// with a cross-region MySQL replica, and Route 53 fails over automatically. Remote state per region.
import { App } from 'cdktf';
import { Cloud, DatabaseEngine, DrStrategy, HighAvailabilityStack } from '../../lib';

const app = new App();
new HighAvailabilityStack(app, 'shop', {
  cloud: Cloud.AWS,
  regions: ['us-east-1', 'us-west-2'],
  drStrategy: DrStrategy.WARM_STANDBY,
  recoveryObjectives: { rtoSeconds: 900, rpoSeconds: 300 },
  dns: { zoneName: 'example.com', recordName: 'shop.example.com' },
  app: { instanceType: 't3.small', port: 8080, healthCheckPath: '/health', minCapacity: 2, maxCapacity: 6 },
  database: { engine: DatabaseEngine.MYSQL, instanceClass: 'db.t3.medium', allocatedStorageGb: 50 },
  backup: { retentionDays: 35 },
  stateBackend: { bucketPrefix: 'shop-tfstate' },
  tags: { team: 'shop' },
});
app.synth();
