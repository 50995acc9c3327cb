/** Small helpers shared by the benchmark's parts. */

const started = performance.now();

/** Progress goes to stderr, with seconds since start: stdout carries only the JSON report. */
export const log = (message: string) =>
  process.stderr.write(`bench [${((performance.now() - started) / 1000).toFixed(1)} s]: ${message}\n`);

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of nothing');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The nearest-rank percentile (0 < p <= 100) of the values. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) throw new Error('percentile of nothing');
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length))) - 1]!;
}

/** Milliseconds to a tenth: finer digits are noise on a shared 2-core machine. */
export const ms = (value: number) => Math.round(value * 10) / 10;

/** Reject when `promise` takes longer than `timeoutMs`, so one stuck step cannot hang the run. */
export function within<T>(promise: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${timeoutMs} ms`)), timeoutMs);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * The few extension APIs the benchmark calls inside extension pages (the project has no
 * @types/chrome). Use as `(globalThis as unknown as ExtensionGlobals).chrome` in page.evaluate.
 */
export interface ExtensionGlobals {
  chrome: {
    runtime: { sendMessage(message: unknown): Promise<unknown> };
    tabs: {
      query(query: object): Promise<{ id?: number; url?: string }[]>;
      sendMessage(tabId: number, message: unknown): Promise<unknown>;
    };
  };
}
