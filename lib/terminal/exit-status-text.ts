const signals: Record<number, string> = {
  1: "hung up (SIGHUP)",
  2: "interrupted (SIGINT)",
  3: "quit (SIGQUIT)",
  6: "aborted (SIGABRT)",
  9: "killed (SIGKILL): out of memory, or stopped by force",
  11: "crashed: segmentation fault (SIGSEGV)",
  13: "ended by a broken pipe (SIGPIPE)",
  15: "terminated (SIGTERM)",
  24: "stopped: CPU time limit reached (SIGXCPU)",
  25: "stopped: file size limit reached (SIGXFSZ)",
};

/** The note after a command that did not succeed, as a person reads it: "[exit code 137: killed (SIGKILL): …]". */
export function exitStatusText(exitCode: number, timedOut: boolean, timeoutSeconds: number): string {
  if (timedOut) return `[timed out after ${timeoutSeconds} s: stopped with its child processes (exit code ${exitCode})]`;
  if (exitCode === 127) return "[exit code 127: command not found]";
  if (exitCode === 126) return "[exit code 126: not executable]";
  const signal = exitCode > 128 && exitCode < 160 ? signals[exitCode - 128] : undefined;
  return signal ? `[exit code ${exitCode}: ${signal}]` : `[exit code ${exitCode}]`;
}
