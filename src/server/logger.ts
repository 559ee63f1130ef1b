/**
 * Facts attached to a log line: short values only, never a secret, token, code or verifier.
 *
 * @example
 * const details: LogDetails = { tenant: 'acme', code: 'invalid_grant' };
 */
export type LogDetails = Record<string, string | number | boolean | undefined>;

/**
 * Where the reference server reports what it did: `console` fits, as does pino or winston.
 * Lines carry an event name and a few facts (tenant, error code, HTTP status); the server never
 * passes the consumer secret, a token, an authorization code or a PKCE verifier.
 *
 * @example
 * createConnectHandler({ ...options, logger: console });
 * createConnectHandler({ ...options, logger: pino().child({ module: 'salesforce' }) });
 */
export interface ConnectLogger {
  info(message: string, details?: LogDetails): void;
  warn(message: string, details?: LogDetails): void;
  error(message: string, details?: LogDetails): void;
}

const silent: ConnectLogger = { info() {}, warn() {}, error() {} };

/**
 * The integrator's logger, guarded so a throwing logger never breaks a request; silent without one.
 *
 * @example
 * const logger = safeLogger(options.logger);
 * logger.warn('could not revoke the Salesforce token', { tenant, code: error.code });
 */
export function safeLogger(logger: ConnectLogger | undefined): ConnectLogger {
  if (!logger) return silent;
  const guard =
    (level: keyof ConnectLogger) =>
    (message: string, details?: LogDetails): void => {
      try {
        logger[level](`salesforce-connect: ${message}`, details);
      } catch {
        // Logging must never be why a request fails.
      }
    };
  return { info: guard('info'), warn: guard('warn'), error: guard('error') };
}
