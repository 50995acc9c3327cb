/*
 * Structured logs: one JSON object per line, for machines first. Callers pass ids and numbers, never
 * request bodies, passwords or tokens.
 */

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
export type LogFields = Record<string, string | number | boolean | null | undefined>;

export interface Logger {
  log(level: LogLevel, msg: string, fields?: LogFields): void;
}

export function jsonLogger(
  minLevel: LogLevel,
  write: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
  now: () => Date = () => new Date(),
): Logger {
  const min = LOG_LEVELS.indexOf(minLevel);
  return {
    log(level, msg, fields = {}) {
      if (LOG_LEVELS.indexOf(level) < min) return;
      write(JSON.stringify({ time: now().toISOString(), level, msg, ...fields }));
    },
  };
}
