/**
 * Lists every process the sandbox's shell can see, after a line naming that shell, so that the
 * parser can tell the exec's own processes (its ancestors and `ps`) from the user's. `ps` without
 * `-ww` would cut command lines at the terminal's width; `user:32` keeps long names whole.
 */
export const processListCommand = 'printf "self %d\\n" "$$"; exec ps -ww -A -o pid=,ppid=,user:32=,pcpu=,rss=,etimes=,args=';
