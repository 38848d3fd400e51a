// The shape every managed proxy-tier type shares, in one place so each type's file holds only what is its own.
// Read lists this topology's objects of the type in a region and observes each. Create reads before it creates:
// the object an interrupted apply already made for this address (found by its `pgtopo:address` tag) is taken,
// never made twice. Delete treats an object already gone as deleted. Every object records its region, which
// delete needs (it gets the object, not its scope).
import type { AttributeSchema, ObservedObject, OperationInput, ProviderContext, ResourceType } from '../../provider.ts';
import { awsCall } from '../aws-errors.ts';
import type { AwsResourceType } from '../aws-resource-type.ts';
import { errorName } from './aws-error-name.ts';
import { regionOf } from './observed-region.ts';

export interface OwnedResourceSpec<T> {
  name: string;
  /** Every IAM action the type calls or IAM asks of its calls. */
  actions: Record<string, string>;
  /** The type's attributes; `region` (computed) is added. */
  attributes: Record<string, AttributeSchema>;
  /** This topology's objects of the type in one region, in as few calls as the API allows. */
  list(region: string, context: ProviderContext): Promise<T[]>;
  observe(object: T, region: string): ObservedObject;
  /**
   * The object an earlier, interrupted apply made for this address (in `input.scope`). Absent where the create
   * call itself reports an object that exists already (SSM's PutParameter), so that create handles it.
   */
  findOwn?(input: OperationInput, context: ProviderContext): Promise<T | undefined>;
  /** What create does with the object findOwn found; by default it is taken as it is. */
  adopt?(existing: T, input: OperationInput, context: ProviderContext): Promise<ObservedObject>;
  create(input: OperationInput, context: ProviderContext): Promise<ObservedObject>;
  /** Absent where every declared attribute forces a new object. */
  update?: ResourceType['update'];
  replacementOrder?: ResourceType['replacementOrder'];
  remove: {
    action: string;
    send(region: string, object: ObservedObject): Promise<unknown>;
    /** The error that says the object is gone already: what delete wants. */
    gone(error: unknown): boolean;
    /** Where the call only starts the deletion (an instance shutting down): waits until it is done. */
    untilGone?(region: string, object: ObservedObject, context: ProviderContext): Promise<void>;
  };
}

export function ownedResourceType<T>(spec: OwnedResourceSpec<T>): AwsResourceType {
  return {
    name: spec.name,
    mode: 'managed',
    iamActions: Object.values(spec.actions),
    attributes: { ...spec.attributes, region: { computed: true } },
    async read(region, context) {
      return (await spec.list(region, context)).map((object) => spec.observe(object, region));
    },
    async create(input, context) {
      const existing = await spec.findOwn?.(input, context);
      if (existing === undefined) return spec.create(input, context);
      return spec.adopt ? spec.adopt(existing, input, context) : spec.observe(existing, input.scope);
    },
    ...(spec.update ? { update: spec.update } : {}),
    ...(spec.replacementOrder ? { replacementOrder: spec.replacementOrder } : {}),
    async delete(current, context) {
      const region = regionOf(current);
      try {
        await spec.remove.send(region, current);
      } catch (error) {
        if (spec.remove.gone(error)) return;
        await awsCall(spec.remove.action, region, () => Promise.reject(error));
      }
      await spec.remove.untilGone?.(region, current, context);
    },
  };
}

/** `gone` for the APIs whose not-found error has a name of its own (`InvalidGroup.NotFound`). */
export function named(name: string): (error: unknown) => boolean {
  return (error) => errorName(error) === name;
}
