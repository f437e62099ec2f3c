/**
 * One argument for bash, as it is: inside single quotes nothing expands (`$()`, backticks, globs,
 * newlines, unicode), and a single quote is closed, escaped and reopened.
 */
export function shellQuote(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}
