// The sandbox's long-lived process, its "container": started once when the sandbox becomes
// ready, jailed (or not) and limited like a command, it runs every exec inside itself so that
// files in /tmp, background processes and the limits are the sandbox's, not the exec's.
//
// Protocol on its stdin, fields ended by NUL (a command cannot contain one):
//   run <id> <blocks> <script>  starts `bash -c <script>` with stdout and stderr on the FIFOs
//                       <dir>/<id>.out and <id>.err (the orchestrator holds their read ends),
//                       its soft file-size limit lowered to <blocks> (the disk quota left)
//   kill <group>        SIGKILLs that process group (an exec past its timeout, or abandoned)
//   check <id> <group>  answers `gone <id>` when the exec's waiting subshell no longer exists
//                       (a command such as `pkill bash` killed it: no exit line will come)
// and on its stdout, one line each:
//   started <id> <group>   exit <id> <status>   gone <id>
//
// `set -m` gives every exec a process group of its own (a subshell that waits for the command,
// with the command in it), so killing one exec kills its children but not jobs that earlier execs
// left running. The command's stdin is /dev/null and its only other descriptors are the FIFOs, as
// with `docker exec` without stdin: the exec ends when the command has exited and both FIFOs have
// reached EOF, so a background job still holding them holds the exec, as in production.
// SHLVL is unset so that the command's bash counts itself the first, as under docker exec.
export const supervisorScript = `set -m
fifos=$1
unset SHLVL
run() {
  (ulimit -S -f "$2" 2>/dev/null; exec bash -c "$3") </dev/null >"$fifos/$1.out" 2>"$fifos/$1.err" &
  wait "$!"
  printf 'exit %s %d\\n' "$1" "$?"
}
while IFS= read -r -d '' op; do
  case $op in
  run)
    IFS= read -r -d '' id && IFS= read -r -d '' blocks && IFS= read -r -d '' script || break
    [[ $id =~ ^[0-9a-z]+$ && $blocks =~ ^([0-9]+|unlimited)$ ]] || continue
    run "$id" "$blocks" "$script" &
    printf 'started %s %d\\n' "$id" "$!"
    ;;
  kill)
    IFS= read -r -d '' group || break
    [[ $group =~ ^[1-9][0-9]*$ ]] && kill -KILL -- "-$group" 2>/dev/null
    ;;
  check)
    IFS= read -r -d '' id && IFS= read -r -d '' group || break
    [[ $group =~ ^[1-9][0-9]*$ ]] && ! kill -0 "$group" 2>/dev/null && printf 'gone %s\n' "$id"
    ;;
  esac
done
`;
