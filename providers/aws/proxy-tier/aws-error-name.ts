// The AWS error name of a failed SDK call (`ParameterAlreadyExists`, `InvalidGroup.NotFound`), also when awsCall
// has wrapped it: the proxy tier switches on a few of them (exists already, gone already).

export function errorName(error: unknown): string {
  const own = (error as { name?: string } | undefined)?.name;
  const cause = (error as { cause?: { name?: string } } | undefined)?.cause?.name;
  return cause ?? own ?? '';
}
