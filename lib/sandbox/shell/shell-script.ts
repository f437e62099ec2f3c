import { maxExecOutputBytes } from "../cap-exec-output";

/**
 * The script the dashboard sends as an exec's `command`, so that every orchestrator, the production
 * one included, runs what the user typed with shell semantics (see docs/orchestrator-contract.md):
 * - production pastes `command` into `{ <command> ; }`, where a trailing `# comment`, `&`, heredoc
 *   or newline is a syntax error: the user's text travels in a quoted heredoc instead, and a bash
 *   of its own runs it, so any text bash accepts runs as typed;
 * - production strips stdout's trailing newlines and never applies `timeout`: the command's output
 *   goes to files, comes back in front of a trailer (exit code, clock, cwd) that ends in the token,
 *   and coreutils `timeout` stops it, children included;
 * - docker exec waits while any process holds its stdout: background jobs write to the files, so
 *   `server &` returns at once and keeps running;
 * - stdin is /dev/null, as in production, so a command that reads it ends.
 * Each stream comes back up to one byte past the cap, so the route can tell a cut one (it cuts it
 * to the cap and says so). The trailer is `\n<token> <exit> <start> <end>\n<cwd> <token>`.
 * Only `timeout`, the command's bash and (for output) `head` are processes: forks cost most here.
 */
export interface ShellScriptInput {
  command: string;
  timeoutSeconds: number;
  /** Random, unguessable before the request; names the files and the heredoc's delimiter. */
  token: string;
  outputLimitBytes?: number;
}

export function shellScript({ command, timeoutSeconds, token, outputLimitBytes = maxExecOutputBytes }: ShellScriptInput): string {
  const delimiter = `__MATRX_${token}`;
  const f = "$_f";
  const take = outputLimitBytes + 1;
  return [
    `_f=/tmp/.matrx-${token};IFS= read -rd '' _c <<'${delimiter}'`,
    command,
    delimiter,
    // BASH_ENV runs before the command and is unset for its children; TERM becomes an exit so the
    // EXIT trap still records where the command's shell ended.
    `printf '%s\\n' "unset BASH_ENV;trap 'exit 143' TERM;trap 'printf %s \\"\\$PWD\\">${f}.w' EXIT">${f}.b||exit 70`,
    `_t=$EPOCHREALTIME`,
    // The braces' 2>/dev/null takes this shell's own report of a killed job, which quotes the script.
    `{ BASH_ENV=${f}.b timeout -k2 ${timeoutSeconds} bash -c "$_c"</dev/null>${f}.o 2>${f}.e;} 2>/dev/null`,
    `_x=$? _u=$EPOCHREALTIME _w=$PWD`,
    `[ -s ${f}.o ]&&head -c${take} ${f}.o;[ -s ${f}.e ]&&head -c${take} ${f}.e>&2`,
    `[ -f ${f}.w ]&&IFS= read -rd '' _w <${f}.w;cd -- "$_w" 2>/dev/null`,
    `printf '\\n%s %s %s %s\\n%s %s' ${token} $_x "$_t" "$_u" "$_w" ${token}`,
    `rm -f ${f}.b ${f}.o ${f}.e ${f}.w</dev/null>/dev/null 2>&1 & :`,
  ].join("\n");
}
