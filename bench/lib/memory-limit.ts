/**
 * Production's memory limit, for the benchmarks' gateway processes.
 *
 * Node sizes V8's heap from the memory the process may use: in a container that is the cgroup's
 * limit, not the host's RAM. Under deploy/kubernetes.yaml's limit (512 MiB) Node 20 and 24 set a
 * ~280 MB heap limit, and V8 then lets its old generation grow only ~1.3× its live size between
 * full collections; on a 24 GB machine without a limit it sets ~4.3 GB and grows up to 4×, for
 * less CPU and about twice the resident memory. `Child.start` can run a process in a memory cgroup
 * of a given size (cgroup v2 or v1's memory controller; the runner must be allowed to make one,
 * e.g. root), which it joins before Node starts.
 *
 * BENCH_MEMORY_LIMIT chooses the limit of the benchmark's gateway: unset or `none` (the host's
 * memory, as every earlier report measured), `manifest` (deploy/kubernetes.yaml's), or MiB.
 */
import { mkdirSync, readFileSync, rmdirSync, writeFileSync, existsSync } from 'node:fs';

/** The gateway container's memory limit in deploy/kubernetes.yaml, in MiB. */
export function manifestMemoryLimitMb(): number {
  const manifest = readFileSync(new URL('../../deploy/kubernetes.yaml', import.meta.url), 'utf8');
  const m = /limits:\s*\{[^}]*memory:\s*(\d+)(Mi|Gi)/.exec(manifest);
  if (!m) throw new Error('deploy/kubernetes.yaml has no `limits: { memory: NMi }`: update bench/lib/memory-limit.ts');
  return Number(m[1]) * (m[2] === 'Gi' ? 1024 : 1);
}

/** The limit the benchmarks apply (MiB), or undefined for none. */
export function benchMemoryLimitMb(value = process.env.BENCH_MEMORY_LIMIT): number | undefined {
  if (value === undefined || value === '' || value === 'none') return undefined;
  if (value === 'manifest') return manifestMemoryLimitMb();
  const mb = Number(value);
  if (!Number.isInteger(mb) || mb < 64)
    throw new Error(`BENCH_MEMORY_LIMIT: expected MiB (≥ 64), manifest or none, got ${value}`);
  return mb;
}

/**
 * The limit the benchmarks can apply here: {@link benchMemoryLimitMb} when this machine lets the
 * runner make a memory cgroup, otherwise undefined, with a warning (the report says which).
 */
export function usableMemoryLimitMb(value = process.env.BENCH_MEMORY_LIMIT): number | undefined {
  const limitMb = benchMemoryLimitMb(value);
  if (limitMb === undefined) return undefined;
  const probe = MemoryCgroup.create(limitMb);
  if (probe) {
    probe.remove();
    return limitMb;
  }
  console.warn(
    `bench: cannot make a memory cgroup here (needs root and a cgroup memory controller): no ${limitMb} MiB limit, so V8 sizes the gateway's heap from the host's memory`,
  );
  return undefined;
}

let made = 0;

/** A memory cgroup of its own for one process; `undefined` where this machine does not allow one. */
export class MemoryCgroup {
  private constructor(
    readonly dir: string,
    readonly limitMb: number,
  ) {}

  static create(limitMb: number): MemoryCgroup | undefined {
    const name = `vendorgraph-bench-${process.pid}-${++made}`;
    const bytes = String(limitMb * 1024 * 1024);
    try {
      if (readFileSync('/sys/fs/cgroup/cgroup.controllers', 'utf8').split(/\s+/).includes('memory')) {
        const dir = `/sys/fs/cgroup/${name}`;
        mkdirSync(dir);
        writeFileSync(`${dir}/memory.max`, bytes);
        return new MemoryCgroup(dir, limitMb);
      }
    } catch {
      // not cgroup v2 with the memory controller: try v1 below
    }
    try {
      if (!existsSync('/sys/fs/cgroup/memory/cgroup.procs')) return undefined;
      const dir = `/sys/fs/cgroup/memory/${name}`;
      mkdirSync(dir);
      writeFileSync(`${dir}/memory.limit_in_bytes`, bytes);
      return new MemoryCgroup(dir, limitMb);
    } catch {
      return undefined;
    }
  }

  /** Removes the cgroup once its process has exited. */
  remove(): void {
    try {
      rmdirSync(this.dir);
    } catch {
      // a process still in it (it is gone with the machine's next reboot)
    }
  }
}
