// What the AWS VIP drivers move, as the tests' AWS world keeps it per region: Elastic IPs and their associations,
// network interfaces with their private IPs and source/destination check, route tables and their routes, and
// Route 53 records with changes that turn INSYNC after `pollsUntilInSync` GetChange calls. Errors are AWS's: an
// unknown route table or allocation, an existing route, an address not on the interface it is unassigned from.
import {
  AssignPrivateIpAddressesCommand, AssociateAddressCommand, CreateRouteCommand, DescribeAddressesCommand, DescribeNetworkInterfacesCommand,
  DisassociateAddressCommand, ModifyNetworkInterfaceAttributeCommand, ReplaceRouteCommand, UnassignPrivateIpAddressesCommand, type EC2Client,
} from '@aws-sdk/client-ec2';
import { ChangeResourceRecordSetsCommand, GetChangeCommand, NoSuchHostedZone, type Route53Client } from '@aws-sdk/client-route-53';
import type { AwsClientStub } from 'aws-sdk-client-mock';
import type { Ec2ProxyTierWorld } from './ec2-proxy-tier-world.ts';
import { awsError, Regional, serve, type CallLog } from './world-calls.ts';

export interface WorldAddress { allocationId: string; publicIp: string; association?: { id: string; eniId: string; privateIp: string } }
export interface WorldEni { eniId: string; primaryIp: string; secondaryIps: string[]; sourceDestCheck: boolean }
export interface WorldRouteTable { id: string; routes: Map<string, string> }
export interface WorldRecord { zone: string; name: string; ttl: number; values: string[] }

export class VipWorld {
  readonly addresses = new Regional<WorldAddress>();
  readonly enis = new Regional<WorldEni>();
  readonly routeTables = new Regional<WorldRouteTable>();
  readonly zones = new Set<string>();
  readonly records: WorldRecord[] = [];
  /** GetChange answers PENDING this many times before INSYNC. */
  pollsUntilInSync = 0;
  /** Run once right after the next call of an action is answered: another member acting between two calls. */
  readonly afterNext = new Map<string, () => void>();
  readonly #changes = new Map<string, number>();
  #next = 0;

  /**
   * The proxy tier's member ENIs (ec2-proxy-tier-world.ts): EC2 serves both from the same calls, so a call naming no
   * ENI of this world goes there.
   */
  memberEnis?: Pick<Ec2ProxyTierWorld, 'describeNetworkInterfaces' | 'modifyNetworkInterface'>;

  #owns(region: string, ids: string[] | undefined): boolean {
    if (!this.memberEnis) return true;
    return (ids ?? []).length > 0 && ids!.every((id) => this.enis.in(region).some((eni) => eni.eniId === id));
  }

  eni(region: string, eniId: string): WorldEni {
    const eni = this.enis.in(region).find((candidate) => candidate.eniId === eniId);
    if (!eni) throw awsError('InvalidNetworkInterfaceID.NotFound', `The networkInterface ID '${eniId}' does not exist`);
    return eni;
  }

  /** Associates as another instance would, outside the driver under test. */
  associate(region: string, allocationId: string, eniId: string, privateIp: string): void {
    this.#address(region, allocationId).association = { id: `eipassoc-${++this.#next}`, eniId, privateIp };
  }

  install(ec2: AwsClientStub<EC2Client>, route53: AwsClientStub<Route53Client>, log: CallLog): void {
    this.#installAddresses(ec2, log);
    this.#installPrivateIps(ec2, log);
    this.#installRoutes(ec2, log);
    this.#installRecords(route53, log);
  }

  #ranAfter(action: string): void {
    const then = this.afterNext.get(action);
    this.afterNext.delete(action);
    then?.();
  }

  #address(region: string, allocationId: string): WorldAddress {
    const address = this.addresses.in(region).find((candidate) => candidate.allocationId === allocationId);
    if (!address) throw awsError('InvalidAllocationID.NotFound', `The allocation ID '${allocationId}' does not exist`);
    return address;
  }

  #installAddresses(stub: AwsClientStub<EC2Client>, log: CallLog): void {
    serve(stub, 'ec2', log, DescribeAddressesCommand, (input, region) => {
      const answer = (input.AllocationIds ?? []).map((id) => this.#address(region, id)).map((address) => ({
        AllocationId: address.allocationId, PublicIp: address.publicIp, AssociationId: address.association?.id,
        NetworkInterfaceId: address.association?.eniId, PrivateIpAddress: address.association?.privateIp,
      }));
      this.#ranAfter('ec2:DescribeAddresses');
      return { Addresses: answer };
    });
    serve(stub, 'ec2', log, AssociateAddressCommand, (input, region) => {
      const address = this.#address(region, input.AllocationId!);
      if (address.association && !input.AllowReassociation) throw awsError('Resource.AlreadyAssociated', `resource ${input.AllocationId} is already associated`);
      this.eni(region, input.NetworkInterfaceId!);
      this.associate(region, input.AllocationId!, input.NetworkInterfaceId!, input.PrivateIpAddress!);
      return { AssociationId: address.association!.id };
    });
    serve(stub, 'ec2', log, DisassociateAddressCommand, (input, region) => {
      const address = this.addresses.in(region).find((candidate) => candidate.association?.id === input.AssociationId);
      if (!address) throw awsError('InvalidAssociationID.NotFound', `The association ID '${input.AssociationId}' does not exist`);
      delete address.association;
      return {};
    });
  }

  #installPrivateIps(stub: AwsClientStub<EC2Client>, log: CallLog): void {
    serve(stub, 'ec2', log, DescribeNetworkInterfacesCommand, (input, region) => {
      if (!this.#owns(region, input.NetworkInterfaceIds)) return this.memberEnis!.describeNetworkInterfaces(input, region);
      const answer = (input.NetworkInterfaceIds ?? []).map((id) => this.eni(region, id)).map((eni) => ({
        NetworkInterfaceId: eni.eniId, SourceDestCheck: eni.sourceDestCheck,
        PrivateIpAddresses: [{ PrivateIpAddress: eni.primaryIp, Primary: true }, ...eni.secondaryIps.map((ip) => ({ PrivateIpAddress: ip, Primary: false }))],
      }));
      this.#ranAfter('ec2:DescribeNetworkInterfaces');
      return { NetworkInterfaces: answer };
    });
    serve(stub, 'ec2', log, AssignPrivateIpAddressesCommand, (input, region) => {
      const eni = this.eni(region, input.NetworkInterfaceId!);
      for (const ip of input.PrivateIpAddresses ?? []) {
        const holder = this.enis.in(region).find((candidate) => candidate.secondaryIps.includes(ip));
        if (holder === eni) continue;
        if (holder && !input.AllowReassignment) throw awsError('PrivateIpAddressLimitExceeded', `${ip} is assigned to ${holder.eniId}`);
        if (holder) holder.secondaryIps = holder.secondaryIps.filter((held) => held !== ip);
        eni.secondaryIps.push(ip);
      }
      return {};
    });
    serve(stub, 'ec2', log, UnassignPrivateIpAddressesCommand, (input, region) => {
      const eni = this.eni(region, input.NetworkInterfaceId!);
      const missing = (input.PrivateIpAddresses ?? []).filter((ip) => !eni.secondaryIps.includes(ip));
      if (missing.length > 0) throw awsError('InvalidParameterValue', `Some of the specified addresses are not assigned to interface ${eni.eniId}`);
      eni.secondaryIps = eni.secondaryIps.filter((ip) => !input.PrivateIpAddresses!.includes(ip));
      return {};
    });
  }

  #installRoutes(stub: AwsClientStub<EC2Client>, log: CallLog): void {
    const table = (region: string, id: string) => {
      const found = this.routeTables.in(region).find((candidate) => candidate.id === id);
      if (!found) throw awsError('InvalidRouteTableID.NotFound', `The routeTable ID '${id}' does not exist`);
      return found;
    };
    serve(stub, 'ec2', log, CreateRouteCommand, (input, region) => {
      const routes = table(region, input.RouteTableId!).routes;
      if (routes.has(input.DestinationCidrBlock!)) {
        throw awsError('RouteAlreadyExists', `The route identified by ${input.DestinationCidrBlock} already exists.`);
      }
      routes.set(input.DestinationCidrBlock!, this.eni(region, input.NetworkInterfaceId!).eniId);
      return { Return: true };
    });
    serve(stub, 'ec2', log, ReplaceRouteCommand, (input, region) => {
      const routes = table(region, input.RouteTableId!).routes;
      if (!routes.has(input.DestinationCidrBlock!)) throw awsError('InvalidRoute.NotFound', `no route with destination-cidr-block ${input.DestinationCidrBlock}`);
      routes.set(input.DestinationCidrBlock!, this.eni(region, input.NetworkInterfaceId!).eniId);
      return {};
    });
    serve(stub, 'ec2', log, ModifyNetworkInterfaceAttributeCommand, (input, region) => {
      if (!this.#owns(region, [input.NetworkInterfaceId!])) return this.memberEnis!.modifyNetworkInterface(input, region);
      if (input.SourceDestCheck?.Value !== undefined) this.eni(region, input.NetworkInterfaceId!).sourceDestCheck = input.SourceDestCheck.Value;
      return {};
    });
  }

  #installRecords(stub: AwsClientStub<Route53Client>, log: CallLog): void {
    serve(stub, 'route53', log, ChangeResourceRecordSetsCommand, (input) => {
      if (!this.zones.has(input.HostedZoneId!)) throw new NoSuchHostedZone({ message: `No hosted zone found with ID: ${input.HostedZoneId}`, $metadata: {} });
      for (const change of input.ChangeBatch?.Changes ?? []) {
        const set = change.ResourceRecordSet!;
        const others = this.records.filter((record) => !(record.zone === input.HostedZoneId && record.name === set.Name));
        this.records.splice(0, this.records.length, ...others,
          { zone: input.HostedZoneId!, name: set.Name!, ttl: set.TTL!, values: (set.ResourceRecords ?? []).map((record) => record.Value!) });
      }
      const id = `/change/C${++this.#next}`;
      this.#changes.set(id, this.pollsUntilInSync);
      return { ChangeInfo: { Id: id, Status: 'PENDING', SubmittedAt: new Date() } };
    });
    serve(stub, 'route53', log, GetChangeCommand, (input) => {
      const left = this.#changes.get(input.Id!);
      if (left === undefined) throw awsError('NoSuchChange', `A change with the specified change ID does not exist: ${input.Id}`);
      this.#changes.set(input.Id!, left - 1);
      return { ChangeInfo: { Id: input.Id, Status: left <= 0 ? 'INSYNC' : 'PENDING', SubmittedAt: new Date() } };
    });
  }
}
