// A resource type of the aws provider: a ResourceType that also names every IAM action it calls, so the operator's
// IAM policy is generated from the code (iam-policy.ts) and a test checks each call the provider makes is listed.
import type { ResourceType } from '../provider.ts';

export interface AwsResourceType extends ResourceType {
  /** IAM actions of every AWS call this type makes, `service:Action` (`rds:DescribeDBClusters`). */
  iamActions: readonly string[];
}
