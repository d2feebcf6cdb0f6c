/**
 * Structured JSON logs (pino). Every line passes through redaction: header paths that carry
 * credentials are censored, and any registered secret or URL in a message is stripped.
 */
import { pino, type Logger } from 'pino';
import { Redactor } from './redact.js';

export type { Logger };

const REDACT_PATHS = [
  'headers.authorization',
  'headers["x-apikey"]',
  'headers["x-api-key"]',
  'headers["x-app"]',
  'headers["x-api-token"]',
  'headers.token',
  'headers.client_secret',
  'headers.refresh_token',
  '*.password',
  '*.token',
  '*.secret',
];

/**
 * Creates a gateway's logger; `level: 'silent'` in tests that do not read logs. `redactor` is the
 * gateway's own (secrets added to it later are stripped too).
 */
export function createLogger(
  level: string = 'info',
  destination?: NodeJS.WritableStream,
  redactor: Redactor = new Redactor(),
): Logger {
  const options = {
    level,
    base: { service: 'vendorgraph' },
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    hooks: {
      // Messages may quote vendor text: strip secrets and URLs before they are written.
      logMethod(this: Logger, args: unknown[], method: (...a: unknown[]) => void) {
        method.apply(
          this,
          args.map((a) => (typeof a === 'string' ? redactor.redact(a) : a)),
        );
      },
    },
  };
  return destination ? pino(options, destination as never) : pino(options);
}
