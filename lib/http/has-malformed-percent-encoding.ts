/** True when a segment of `pathname` is not valid percent-encoding (`%ZZ`, a cut `%E0%A4%A`), which Next cannot decode into route params. */
export function hasMalformedPercentEncoding(pathname: string): boolean {
  for (const segment of pathname.split("/")) {
    try {
      decodeURIComponent(segment);
    } catch {
      return true;
    }
  }
  return false;
}
