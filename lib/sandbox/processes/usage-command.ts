/**
 * Prints what the sandbox uses, one `key values…` line each: its clock, its CPU count, its cgroup's
 * counters and limits (cgroup v2, where the sandbox can read them: the nearest limit up its tree)
 * and the machine's (/proc/stat, /proc/meminfo) to fall back on, and its home's file system.
 * Read-only, no `cd` (the exec's working directory is the terminal's).
 */
export const usageCommand = String.raw`read -r up _ </proc/uptime && echo "uptime $up"
echo "cpus $(nproc 2>/dev/null || echo 1)"
read -r _ u n s _ _ irq sirq st _ </proc/stat && echo "machine_cpu_ticks $((u + n + s + irq + sirq + st)) $(getconf CLK_TCK 2>/dev/null || echo 100)"
sed -n 's/^\(MemTotal\|MemAvailable\):[[:space:]]*\([0-9]*\).*/\1 \2/p' /proc/meminfo
cg=$(sed -n 's/^0:://p' /proc/self/cgroup 2>/dev/null)
if [ -n "$cg" ] && [ -d "/sys/fs/cgroup$cg" ]; then
  d=/sys/fs/cgroup$cg
  [ -r "$d/cpu.stat" ] && sed -n 's/^usage_usec /cgroup_cpu_usec /p' "$d/cpu.stat"
  [ -r "$d/memory.current" ] && echo "cgroup_memory_current $(cat "$d/memory.current")"
  cpu= mem=
  while :; do
    [ -z "$cpu" ] && [ -r "$d/cpu.max" ] && read -r q p <"$d/cpu.max" && [ "$q" != max ] && cpu=1 && echo "cgroup_cpu_max $q $p"
    [ -z "$mem" ] && [ -r "$d/memory.max" ] && read -r m <"$d/memory.max" && [ "$m" != max ] && mem=1 && echo "cgroup_memory_max $m"
    case $d in /sys/fs/cgroup | /sys/fs/cgroup/) break ;; esac
    d=$(dirname "$d")
  done
fi
df -Pk -- "$HOME" 2>/dev/null | awk 'NR == 2 { print "disk", $2, $3, $6 }'
true`;
