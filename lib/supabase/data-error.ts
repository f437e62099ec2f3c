/** A query that failed for a reason other than "no such row"; route handlers answer 500. */
export class DataError extends Error {
  constructor(
    action: string,
    readonly cause: unknown,
  ) {
    super(`Could not ${action}.`);
    this.name = "DataError";
  }
}
