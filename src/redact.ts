/**
 * Redaction: one {@link Redactor} per gateway holds that gateway's credentials (from its config,
 * its vendors' settings and its simulators); messages and log lines pass through it, so they
 * never carry a secret, nor a URL. Two gateways in one process (tests, workers) keep their own.
 */

const URL_PATTERN = /\b(?:https?|wss?|ftp):\/\/[^\s"'<>]+/gi;

/** Replaces every URL in `text` (stateless: vendor URLs never reach a client or a log message). */
export function stripUrls(text: string): string {
  return text.replace(URL_PATTERN, '[url]');
}

/** The secrets of one gateway and the function that strips them (and URLs) from text. */
export class Redactor {
  readonly #secrets = new Set<string>();

  constructor(secrets: Iterable<string | undefined> = []) {
    for (const secret of secrets) this.add(secret);
  }

  /** Registers a credential; values shorter than 4 characters are too common to strip safely. */
  add(value: string | undefined): void {
    if (value && value.length >= 4) this.#secrets.add(value);
  }

  /** Removes this gateway's secrets and every URL from `text`. */
  redact(text: string): string {
    let out = stripUrls(text);
    for (const secret of this.#secrets) if (out.includes(secret)) out = out.split(secret).join('[redacted]');
    return out;
  }
}
