import { maxExecOutputBytes } from "../cap-exec-output";

/**
 * The script the dashboard sends as an exec's `command`, so that every orchestrator, the production
 * one included, runs what the user typed with shell semantics (see docs/orchestrator-contract.md):
 * - production pastes `command` into `{ <command> ; }`, where a trailing `# comment`, `&`, heredoc
 *   or newline is a syntax error: the user's text travels in a quoted heredoc instead, and a bash
 *   of its own runs it, so any text bash accepts runs as typed;
 * - production strips stdout's trailing newlines and never applies `timeout`: the command's output
 *   goes to files, comes back in front of a trailer (exit code, sizes, clock, cwd) that ends in a
 *   token, and `timeout` (coreutils) stops it, children included;
 * - docker exec waits while any process holds its stdout: background jobs write to the files, so
 *   `server &` returns at once and keeps running;
 * - stdin is /dev/null, as in production, so a command that reads it ends.
 * The trailer is `\n<token> <exit> <stdout bytes> <stderr bytes> <start> <end>\n<cwd> <token>`.
 */
export interface ShellScriptInput {
  command: string;
  timeoutSeconds: number;
  /** Random, unguessable before the request; also the heredoc's delimiter. */
  token: string;
  outputLimitBytes?: number;
}

export function shellScript({ command, timeoutSeconds, token, outputLimitBytes = maxExecOutputBytes }: ShellScriptInput): string {
  const delimiter = `__MATRX_${token}`;
  return [
    `_d=$(mktemp -d)||exit 70`,
    `IFS= read -rd '' _c <<'${delimiter}'`,
    command,
    delimiter,
    // BASH_ENV runs before the command and is unset for its children; TERM becomes an exit so the
    // EXIT trap still records where the command's shell ended.
    `printf '%s\\n' "unset BASH_ENV;trap 'exit 143' TERM;trap 'printf %s \\"\\$PWD\\">$_d/w' EXIT">$_d/e0`,
    `_t=$EPOCHREALTIME`,
    `BASH_ENV=$_d/e0 timeout -k2 ${timeoutSeconds} bash -c "$_c"</dev/null>$_d/o 2>$_d/e`,
    `_x=$?`,
    `head -c${outputLimitBytes} $_d/o;head -c${outputLimitBytes} $_d/e>&2`,
    `printf '\\n%s %s %s %s %s %s\\n' ${token} $_x $(wc -c<$_d/o) $(wc -c<$_d/e) "$_t" "$EPOCHREALTIME"`,
    `[ -f $_d/w ]&&{ _w=$(cat $_d/w;printf .);_w=\${_w%.};cd -- "$_w" 2>/dev/null;printf %s "$_w";}||printf %s "$PWD"`,
    `printf ' %s' ${token};rm -rf $_d`,
  ].join("\n");
}
