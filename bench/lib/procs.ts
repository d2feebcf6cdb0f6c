/**
 * The benchmark's child processes (sandbox, gateway): forked with tsx, asked questions over IPC,
 * and measured from the outside through /proc (resident set size and its peak).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MemoryCgroup } from './memory-limit.js';

/** How a child is started besides its script, environment and Node flags. */
export interface ChildOptions {
  /** A JavaScript script that imports only JavaScript: no TypeScript loader. */
  plain?: boolean;
  /** Run the child in a memory cgroup of this many MiB (bench/lib/memory-limit.ts). */
  memoryLimitMb?: number;
}

/** A forked TypeScript child that answers `{ id, command }` messages with `{ id, ok, value }`. */
export class Child<Command, Ready extends object> {
  #next = 1;
  readonly #pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  readonly exited: Promise<number | null>;

  private constructor(
    readonly name: string,
    readonly process: ChildProcess,
    readonly ready: Ready,
    /** The memory limit the child runs under (MiB), when it has one. */
    readonly memoryLimitMb?: number,
  ) {
    process.on('message', (message: { id?: number; ok?: boolean; value?: unknown; error?: string }) => {
      const pending = message.id === undefined ? undefined : this.#pending.get(message.id);
      if (!pending) return;
      this.#pending.delete(message.id!);
      if (message.ok) pending.resolve(message.value);
      else pending.reject(new Error(`${name}: ${message.error}`));
    });
    this.exited = new Promise((resolve) => process.once('exit', (code) => resolve(code)));
    void this.exited.then((code) => {
      for (const p of this.#pending.values()) p.reject(new Error(`${name} exited (${code})`));
      this.#pending.clear();
    });
  }

  /**
   * Forks `script` (relative to bench/) and waits for its `{ ready: true, … }` message. The child
   * loads TypeScript through tsx unless `plain`. With `memoryLimitMb` it runs in a memory cgroup of
   * that size, which it joins before Node starts (bench/lib/in-cgroup.sh); where this machine does
   * not allow one, the start fails rather than measure an unconstrained process.
   */
  static async start<Command, Ready extends object>(
    name: string,
    script: string,
    env: Record<string, string | undefined>,
    execArgv: string[] = [],
    options: ChildOptions = {},
  ): Promise<Child<Command, Ready>> {
    const path = fileURLToPath(new URL(`../${script}`, import.meta.url));
    const nodeArgs = [...(options.plain ? [] : ['--import', 'tsx']), ...execArgv];
    const cgroup = options.memoryLimitMb === undefined ? undefined : MemoryCgroup.create(options.memoryLimitMb);
    if (options.memoryLimitMb !== undefined && !cgroup)
      throw new Error(
        `${name}: cannot make a memory cgroup of ${options.memoryLimitMb} MiB here (needs root and a cgroup memory controller)`,
      );
    const child = fork(path, [], {
      env: (cgroup ? { ...env, BENCH_CGROUP: cgroup.dir, BENCH_NODE: process.execPath } : env) as NodeJS.ProcessEnv,
      ...(cgroup
        ? { execPath: '/bin/sh', execArgv: [fileURLToPath(new URL('./in-cgroup.sh', import.meta.url)), ...nodeArgs] }
        : { execArgv: nodeArgs }),
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    if (cgroup) child.once('exit', () => cgroup.remove());
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-4000);
    });
    const ready = await new Promise<Ready>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${name} did not start in 60 s:\n${stderr}`)), 60_000);
      child.on('message', (message: Ready & { ready?: boolean }) => {
        if (message.ready) {
          clearTimeout(timer);
          resolve(message);
        }
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`${name} exited (${code}) before it was ready:\n${stderr}`));
      });
    });
    return new Child<Command, Ready>(name, child, ready, cgroup?.limitMb);
  }

  get pid(): number {
    return this.process.pid!;
  }

  ask<T>(command: Command): Promise<T> {
    const id = this.#next++;
    return new Promise<T>((resolve, reject) => {
      this.#pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.process.send({ id, command });
    });
  }

  /** Disconnects (the child closes its servers and exits) and kills it if it lingers. */
  async stop(): Promise<void> {
    if (this.process.exitCode !== null || this.process.signalCode !== null) return;
    if (this.process.connected) this.process.disconnect();
    const timer = setTimeout(() => this.process.kill('SIGKILL'), 5_000);
    await this.exited;
    clearTimeout(timer);
  }
}

/** Resident set size of a process, in bytes (0 when it is gone). */
export function rssOf(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

function hwmOf(pid: number): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/**
 * The peak RSS of a process over a span: the kernel's high-water mark, reset at the start
 * (`clear_refs` 5) where allowed, and samples every 50 ms as a floor when it is not.
 */
export class PeakRss {
  #peak = 0;
  #hwmReset = false;
  readonly #timer: NodeJS.Timeout;

  constructor(readonly pid: number) {
    try {
      writeFileSync(`/proc/${pid}/clear_refs`, '5');
      this.#hwmReset = true;
    } catch {
      this.#hwmReset = false;
    }
    this.#sample();
    this.#timer = setInterval(() => this.#sample(), 50);
    this.#timer.unref();
  }

  #sample(): void {
    this.#peak = Math.max(this.#peak, rssOf(this.pid));
  }

  /** Stops sampling; the peak in bytes. */
  stop(): number {
    clearInterval(this.#timer);
    this.#sample();
    return this.#hwmReset ? Math.max(this.#peak, hwmOf(this.pid)) : this.#peak;
  }
}
