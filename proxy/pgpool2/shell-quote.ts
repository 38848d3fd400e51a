/** `value` as one single-quoted shell word, for the scripts rendered for Pgpool-II's hooks. */
export function shellQuote(value: string): string {
  return `'${value.replaceAll("'", "'\\''")}'`;
}
