// Every item of a paged Describe call, through the SDK's own paginators (which follow Marker/NextToken).

export async function allPages<TPage, TItem>(pages: AsyncIterable<TPage>, items: (page: TPage) => TItem[] | undefined): Promise<TItem[]> {
  const all: TItem[] = [];
  for await (const page of pages) all.push(...(items(page) ?? []));
  return all;
}
