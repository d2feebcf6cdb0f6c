/**
 * Vitest setup file (see vitest.config.ts `setupFiles`): after every test of every file, fail the
 * test on any simulator wire-rule violation it did not provoke on purpose.
 */
import { afterEach } from 'vitest';
import { checkViolations } from './violations.js';

afterEach(() => {
  checkViolations();
});
