/** One JSON line per event on the console: `{"level", "msg", ...fields}`. Never pass secrets or command text. */
type Fields = Record<string, unknown>;
type Level = "info" | "warn" | "error";

const sinks: Record<Level, (line: string) => void> = {
  info: (line) => console.log(line),
  warn: (line) => console.warn(line),
  error: (line) => console.error(line),
};

function write(level: Level, msg: string, fields?: Fields): void {
  // level and msg first in the line, and a field cannot overwrite them.
  sinks[level](JSON.stringify(Object.assign({ level, msg }, fields, { level, msg }), errorsAsObjects));
}

/** JSON.stringify writes an Error as `{}`. */
function errorsAsObjects(_key: string, value: unknown): unknown {
  if (!(value instanceof Error)) return value;
  return { name: value.name, message: value.message, ...(value.cause === undefined ? {} : { cause: value.cause }), stack: value.stack };
}

export const log = {
  info: (msg: string, fields?: Fields) => write("info", msg, fields),
  warn: (msg: string, fields?: Fields) => write("warn", msg, fields),
  error: (msg: string, fields?: Fields) => write("error", msg, fields),
};
