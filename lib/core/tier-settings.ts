// What the spec gives each region's load balancer and app tier, the same on both clouds: the region
// stacks spread these into their cloud's constructs and add only what is cloud-specific.
import { ResolvedSpec } from './defaults';
import { LoadBalancingAlgorithm } from './enums';
import { RegionPlan } from './region-plan';

/** Load-balancer settings from the spec. */
export function loadBalancerSettings(spec: ResolvedSpec): {
  targetPort: number; healthCheckPath: string; healthCheckIntervalSeconds: number;
  healthyThreshold: number; unhealthyThreshold: number; algorithm: LoadBalancingAlgorithm;
} {
  return {
    targetPort: spec.app.port,
    healthCheckPath: spec.app.healthCheckPath,
    healthCheckIntervalSeconds: spec.loadBalancer.healthCheckIntervalSeconds,
    healthyThreshold: spec.loadBalancer.healthyThreshold,
    unhealthyThreshold: spec.loadBalancer.unhealthyThreshold,
    algorithm: spec.loadBalancer.algorithm,
  };
}

/** App-tier settings from the spec and the region's plan (capacities follow the DR strategy). */
export function appTierSettings(spec: ResolvedSpec, plan: RegionPlan): {
  instanceType: string; imageId?: string; userData?: string; port: number;
  minCapacity: number; maxCapacity: number; desiredCapacity: number; targetCpuUtilization: number;
} {
  return {
    instanceType: spec.app.instanceType,
    imageId: plan.region.imageId,
    userData: spec.app.userData,
    port: spec.app.port,
    minCapacity: plan.app!.minCapacity,
    maxCapacity: plan.app!.maxCapacity,
    desiredCapacity: plan.app!.desiredCapacity,
    targetCpuUtilization: spec.app.targetCpuUtilization,
  };
}
