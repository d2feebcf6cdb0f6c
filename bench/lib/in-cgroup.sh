# Run by bench/lib/procs.ts as `sh in-cgroup.sh <node flags> <script>`: joins the memory cgroup in
# BENCH_CGROUP, then becomes Node (BENCH_NODE) with the arguments child_process.fork() gave, so
# Node sizes its heap under the cgroup's limit from its first instruction.
echo $$ > "$BENCH_CGROUP/cgroup.procs" || exit 97
exec "$BENCH_NODE" "$@"
