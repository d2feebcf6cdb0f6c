/**
 * The test suite's strictness contract with the simulators: every simulator records the requests
 * that break its vendor's wire rules (`Simulator.violations`), and after each test
 * {@link checkViolations} fails the test on any violation it did not announce with
 * {@link expectViolation} or {@link allowViolations}. Registered for every test file by
 * `test/support/violations.setup.ts` (vitest `setupFiles`).
 */
import { runningSimulators, type Violation } from '../../src/sandbox/framework.js';

interface Expectation {
  simulator: string;
  rule: string | RegExp;
  /** Where the test announced it, for the failure message. */
  where: string;
}

const expectations: Expectation[] = [];
const allowed = new Set<string>();

/**
 * Announces that the current test provokes a violation of `rule` on `simulator` on purpose. The
 * test fails if no such violation is recorded; the matching ones are not reported.
 */
export function expectViolation(simulator: string, rule: string | RegExp): void {
  const where = new Error().stack?.split('\n')[2]?.trim() ?? '';
  expectations.push({ simulator, rule, where });
}

/**
 * Lets the current test break `simulator`'s wire rules without failing (every simulator when
 * omitted), e.g. a test that replays arbitrary hostile input. Say why in `reason`.
 */
export function allowViolations(simulator: string | undefined, reason: string): void {
  if (!reason) throw new Error('allowViolations needs a reason');
  allowed.add(simulator ?? '*');
}

/** The violations recorded so far by every running simulator, emptying their logs. */
export function takeViolations(): Violation[] {
  return [...runningSimulators].flatMap((sim) => sim.takeViolations());
}

const ruleMatches = (rule: string | RegExp, v: Violation) =>
  typeof rule === 'string' ? v.rule === rule : rule.test(v.rule);

function describe(v: Violation): string {
  return `${v.simulator} ${v.method} ${v.path} → ${v.status} [${v.rule}] ${v.message}`;
}

/** Fails (throws) on unannounced violations or announced ones that did not happen; resets the announcements. */
export function checkViolations(): void {
  const recorded = takeViolations();
  const wanted = expectations.splice(0, expectations.length);
  const allowAll = allowed.has('*');
  const allowedSims = new Set(allowed);
  allowed.clear();
  const problems: string[] = [];
  for (const e of wanted) {
    if (!recorded.some((v) => v.simulator === e.simulator && ruleMatches(e.rule, v))) {
      problems.push(`expected a ${e.simulator} violation of ${String(e.rule)} (${e.where}), none was recorded`);
    }
  }
  const unexpected = recorded.filter(
    (v) =>
      !allowAll &&
      !allowedSims.has(v.simulator) &&
      !wanted.some((e) => e.simulator === v.simulator && ruleMatches(e.rule, v)),
  );
  for (const v of unexpected) problems.push(`unexpected wire-rule violation: ${describe(v)}`);
  if (problems.length > 0) throw new Error(`Simulator strictness check failed:\n  ${problems.join('\n  ')}`);
}
