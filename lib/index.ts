// The public surface of cdktf-ha (API.md). Nothing but re-exports.
export * from './core/enums';
export * from './core/spec';
export * from './core/validation';
export * from './stacks/high-availability-stack';
export * from './stacks/aws-region-stack';
export * from './stacks/alicloud-region-stack';
export * from './analysis/resilience-policies';
export { PolicyLevel } from './analysis/policy-rule';
export * as aws from './aws';
export * as alicloud from './alicloud';
