/**
 * Gateways as real processes: the compiled build (`node dist/index.js`, built once when `dist/` is
 * missing or older than the sources) or `npm start`, each on a free loopback port, with their
 * output collected and their exit awaited. Every process a test starts is stopped by
 * {@link stopAll}, by its own pid.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DIST_ENTRY = join(ROOT, 'dist/index.js');

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

/** Runs `npm run build` unless dist/ is newer than src/, the build config and package.json. */
export async function ensureBuilt(): Promise<'built' | 'reused'> {
  const sources = Math.max(
    newestMtime(join(ROOT, 'src')),
    ...['package.json', 'tsconfig.json', 'tsconfig.build.json', 'scripts/copy-assets.mjs'].map((f) =>
      newestMtime(join(ROOT, f)),
    ),
  );
  if (existsSync(DIST_ENTRY) && statSync(DIST_ENTRY).mtimeMs > sources) return 'reused';
  await promisify(execFile)('npm', ['run', 'build'], { cwd: ROOT, timeout: 240_000 });
  return 'built';
}

export interface GatewayProcess {
  child: ChildProcess;
  pid: number;
  /** Everything written so far. */
  stdout(): string;
  stderr(): string;
  /** The JSON log lines written so far. */
  logs(): Record<string, any>[];
  /** Resolves with the first log line `match` accepts. */
  waitForLog(match: (line: Record<string, any>) => boolean, timeoutMs?: number): Promise<Record<string, any>>;
  /** Resolves when the process has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; atMs: number }>;
  /** Milliseconds since spawn. */
  elapsedMs(): number;
}

const running = new Set<ChildProcess>();

/** The environment a child gets: nothing of the test runner's own (NODE_ENV=test, …) but PATH. */
export function childEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, HOME: process.env.HOME, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'info', ...env };
}

/** Starts `command args` in the repository root and collects its output. */
export function startProcess(command: string, args: string[], env: Record<string, string>): GatewayProcess {
  const started = performance.now();
  const child = spawn(command, args, { cwd: ROOT, env: childEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  let out = '';
  let err = '';
  const waiters = new Set<() => void>();
  child.stdout!.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    for (const wake of waiters) wake();
  });
  child.stderr!.on('data', (chunk: Buffer) => {
    err += chunk.toString();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; atMs: number }>((resolve) => {
    child.once('exit', (code, signal) => {
      running.delete(child);
      resolve({ code, signal, atMs: performance.now() - started });
      for (const wake of waiters) wake();
    });
  });
  const logs = () =>
    out
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as Record<string, any>);
  return {
    child,
    pid: child.pid!,
    stdout: () => out,
    stderr: () => err,
    logs,
    exited,
    elapsedMs: () => performance.now() - started,
    waitForLog(match, timeoutMs = 30_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no matching log line after ${timeoutMs} ms; stdout:\n${out}\nstderr:\n${err}`));
        }, timeoutMs);
        const check = () => {
          const line = logs().find(match);
          if (line) {
            clearTimeout(timer);
            waiters.delete(check);
            resolve(line);
          } else if (child.exitCode !== null || child.signalCode !== null) {
            clearTimeout(timer);
            waiters.delete(check);
            reject(
              new Error(
                `exited (${child.exitCode ?? child.signalCode}) before the log line; stdout:\n${out}\nstderr:\n${err}`,
              ),
            );
          }
        };
        waiters.add(check);
        check();
      });
    },
  };
}

/** The `node` arguments of `npm run start:prod` (flags included), read from package.json. */
export function startProdArgs(): string[] {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  const [command, ...args] = pkg.scripts['start:prod'].split(/\s+/);
  if (command !== 'node') throw new Error(`start:prod does not start with node: ${pkg.scripts['start:prod']}`);
  return args;
}

/** What `npm run start:prod` runs (`node <flags> dist/index.js`), without npm in between. */
export function startBuiltGateway(env: Record<string, string>): GatewayProcess {
  return startProcess(process.execPath, startProdArgs(), env);
}

/** The gateway's "ready" log line: its port and start-up figures. */
export function isReadyLine(line: Record<string, any>): boolean {
  return typeof line.startupMs === 'number' && typeof line.port === 'number';
}

/** Stops every process these helpers started that is still running. */
export async function stopAll(): Promise<void> {
  await Promise.all(
    [...running].map(
      (child) =>
        new Promise<void>((resolve) => {
          child.once('exit', () => resolve());
          child.kill('SIGKILL');
        }),
    ),
  );
}
