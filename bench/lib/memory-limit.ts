/**
 * The memory limit production gives the gateway, applied to the benchmark's gateway process.
 *
 * Node sizes V8's heap from the memory the process may use: in a container that is the cgroup's
 * limit, not the host's RAM. Under deploy/kubernetes.yaml's limit (512 MiB) Node 20 and 24 set a
 * ~256 MB heap limit, and V8 then lets its old generation grow only ~1.3× its live size between
 * full collections; on this 24 GB machine, unconstrained, it sets 4 GB and grows up to 4×. So the
 * gateway is measured as deployed only when it runs under that limit: `Child.start` puts it in a
 * memory cgroup of that size (cgroup v2 or v1's memory controller; the runner must be allowed to
 * make one, e.g. root) before Node starts.
 *
 * BENCH_MEMORY_LIMIT overrides the manifest's value: a size in MiB, or `none` for the host's memory.
 */
import { mkdirSync, readFileSync, rmdirSync, writeFileSync, existsSync } from 'node:fs';

/** The gateway container's memory limit in deploy/kubernetes.yaml, in MiB. */
export function manifestMemoryLimitMb(): number {
  const manifest = readFileSync(new URL('../../deploy/kubernetes.yaml', import.meta.url), 'utf8');
  const m = /limits:\s*\{[^}]*memory:\s*(\d+)(Mi|Gi)/.exec(manifest);
  if (!m) throw new Error('deploy/kubernetes.yaml has no `limits: { memory: NMi }`: update bench/lib/memory-limit.ts');
  return Number(m[1]) * (m[2] === 'Gi' ? 1024 : 1);
}

/** The limit the benchmarks apply (MiB), or undefined for none (BENCH_MEMORY_LIMIT=none). */
export function benchMemoryLimitMb(value = process.env.BENCH_MEMORY_LIMIT): number | undefined {
  if (value === 'none') return undefined;
  if (value === undefined || value === '') return manifestMemoryLimitMb();
  const mb = Number(value);
  if (!Number.isInteger(mb) || mb < 64)
    throw new Error(`BENCH_MEMORY_LIMIT: expected MiB (≥ 64) or none, got ${value}`);
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
    `bench: cannot make a memory cgroup here (needs root and a cgroup memory controller): the gateway runs without production's ${limitMb} MiB limit, so V8 sizes its heap from the host's memory`,
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
