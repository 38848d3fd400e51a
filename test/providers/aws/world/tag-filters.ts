// Tag filters as AWS's Describe calls take them (`tag:<key>` = one of the values), shared by the service worlds.
import { awsError } from './world-calls.ts';

export interface TagLike {
  Key?: string;
  Value?: string;
}

export interface FilterLike {
  Name?: string;
  Key?: string;
  Values?: string[];
}

/** Whether the tags pass every filter; `fields` answers the other filter names the call supports. */
export function passes(tags: TagLike[] | undefined, filters: FilterLike[] | undefined, fields: Record<string, () => string | undefined> = {}): boolean {
  return (filters ?? []).every((filter) => {
    const name = filter.Name ?? filter.Key ?? '';
    const values = filter.Values ?? [];
    if (name.startsWith('tag:')) return (tags ?? []).some((tag) => tag.Key === name.slice(4) && values.includes(tag.Value ?? ''));
    const field = fields[name];
    if (!field) throw awsError('InvalidParameterValue', `The filter '${name}' is invalid`);
    return values.includes(field() ?? '');
  });
}

export function tagsOf(tags: TagLike[] | undefined): Record<string, string> {
  return Object.fromEntries((tags ?? []).map((tag) => [tag.Key ?? '', tag.Value ?? '']));
}
