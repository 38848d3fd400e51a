// The proxy tier's instances that are not gone, by server-side filters: the one DescribeInstances walk the proxy
// instance resource, its roll and the watchdog join check share.
import { paginateDescribeInstances, type EC2Client, type Filter, type Instance } from '@aws-sdk/client-ec2';
import { awsCall } from '../aws-errors.ts';
import { allPages } from '../aws-pages.ts';

export const LIVE_STATES = ['pending', 'running', 'stopping', 'stopped'];
/** Tags EC2 itself puts on an instance launched from a template. */
export const TEMPLATE_ID_TAG = 'aws:ec2launchtemplate:id';
export const TEMPLATE_VERSION_TAG = 'aws:ec2launchtemplate:version';
const DESCRIBE = 'ec2:DescribeInstances';

/** Instances matching `filters` in one of `states` (default: the live ones). */
export async function instancesWhere(ec2: EC2Client, region: string, filters: Filter[], states: readonly string[] = LIVE_STATES): Promise<Instance[]> {
  const Filters = [...filters, { Name: 'instance-state-name', Values: [...states] }];
  return awsCall(DESCRIBE, region, () => allPages(paginateDescribeInstances({ client: ec2, pageSize: 1000 }, { Filters }),
    (page) => page.Reservations?.flatMap((reservation) => reservation.Instances ?? [])));
}
