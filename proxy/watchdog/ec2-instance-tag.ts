// Tags this EC2 instance: who it is comes from IMDSv2 (instance-identity.ts), the call goes to EC2 in its own region
// with the instance role's credentials. Its own module so that the AWS SDK loads only when a proxy has a tag to
// put (joined-tag.ts imports it at first use).
import { CreateTagsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { InstanceMetadata, instanceIdentity } from './vip/instance-identity.ts';

/** Returns the instance id it tagged. */
export async function tagOwnInstance(key: string, value: string, signal: AbortSignal): Promise<string> {
  const { instanceId, region } = await instanceIdentity(new InstanceMetadata(), signal);
  const ec2 = new EC2Client({ region, retryMode: 'standard', maxAttempts: 5 });
  try {
    await ec2.send(new CreateTagsCommand({ Resources: [instanceId], Tags: [{ Key: key, Value: value }] }), { abortSignal: signal });
    return instanceId;
  } finally {
    ec2.destroy();
  }
}
