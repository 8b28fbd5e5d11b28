import { Cloud } from './enums';

/**
 * AWS commercial regions (partition `aws`) and the number of availability zones every account can use
 * there. Source: AWS "Regions and Availability Zones" (docs.aws.amazon.com/global-infrastructure,
 * read 2026-11). us-west-1 and ap-northeast-1 have more zones than a new account is given (2 and 3).
 * GovCloud, China and the European Sovereign Cloud are separate partitions and not listed.
 */
export const AWS_REGION_ZONES: { readonly [region: string]: number } = {
  'us-east-1': 6,
  'us-east-2': 3,
  'us-west-1': 2,
  'us-west-2': 4,
  'af-south-1': 3,
  'ap-east-1': 3,
  'ap-east-2': 3,
  'ap-south-1': 3,
  'ap-south-2': 3,
  'ap-southeast-1': 3,
  'ap-southeast-2': 3,
  'ap-southeast-3': 3,
  'ap-southeast-4': 3,
  'ap-southeast-5': 3,
  'ap-southeast-6': 3,
  'ap-southeast-7': 3,
  'ap-northeast-1': 3,
  'ap-northeast-2': 4,
  'ap-northeast-3': 3,
  'ca-central-1': 3,
  'ca-west-1': 3,
  'eu-central-1': 3,
  'eu-central-2': 3,
  'eu-west-1': 3,
  'eu-west-2': 3,
  'eu-west-3': 3,
  'eu-south-1': 3,
  'eu-south-2': 3,
  'eu-north-1': 3,
  'il-central-1': 3,
  'me-south-1': 3,
  'me-central-1': 3,
  'mx-central-1': 3,
  'sa-east-1': 3,
};

/**
 * Alibaba Cloud public regions. Source: Alibaba Cloud "Regions and zones" (alibabacloud.com/help/en/
 * cloud-migration-guide-for-beginners/latest/regions-and-zones, read 2026-11). Zone counts vary by product
 * (ALB, enhanced NAT, RDS are not in every zone), so zones are chosen at plan time from the
 * product-specific zone data sources, not from this list.
 */
export const ALICLOUD_REGIONS: readonly string[] = [
  'cn-hangzhou', 'cn-shanghai', 'cn-nanjing', 'cn-fuzhou', 'cn-qingdao', 'cn-beijing', 'cn-zhangjiakou',
  'cn-huhehaote', 'cn-wulanchabu', 'cn-shenzhen', 'cn-heyuan', 'cn-guangzhou', 'cn-chengdu', 'cn-hongkong',
  'ap-northeast-1', 'ap-northeast-2', 'ap-southeast-1', 'ap-southeast-3', 'ap-southeast-5', 'ap-southeast-6',
  'ap-southeast-7', 'us-east-1', 'us-west-1', 'na-south-1', 'eu-west-1', 'eu-central-1', 'me-east-1', 'me-central-1',
];

/** The known regions of a cloud. */
export function regionsOf(cloud: Cloud): readonly string[] {
  return cloud === Cloud.AWS ? Object.keys(AWS_REGION_ZONES) : ALICLOUD_REGIONS;
}

/** Usable availability zones of an AWS region; undefined when unknown (Alibaba Cloud regions). */
export function zonesIn(cloud: Cloud, region: string): number | undefined {
  return cloud === Cloud.AWS ? AWS_REGION_ZONES[region] : undefined;
}
