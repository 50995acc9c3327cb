import { LoginResponse, Me } from './account.ts';
import { ApiError, PullResponse, PushResponse, type PushRequest } from './sync.ts';
import { z } from './z.ts';

/**
 * Why a call to the server failed: `network` (no answer: retry later), `server` (5xx: retry later),
 * `auth` (401: sign in again), `client` (another 4xx: retrying the same request cannot help).
 */
export class ApiFailure extends Error {
  override name = 'ApiFailure';
  constructor(
    readonly kind: 'network' | 'server' | 'auth' | 'client',
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
  /** Worth trying again later: no answer, a server error, a timeout or being told to slow down. */
  get retryable(): boolean {
    return this.kind === 'network' || this.kind === 'server' || this.status === 408 || this.status === 429;
  }
}

type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

/** A typed client for the sync server's API; every response is validated against its schema. */
export function createApi(baseUrl: string, fetchFn: Fetch, token?: string) {
  const root = baseUrl.replace(/\/+$/, '');

  async function request<S extends z.ZodMiniType>(schema: S, method: string, path: string, body?: unknown): Promise<z.infer<S>> {
    let response: Response;
    try {
      response = await fetchFn(`${root}${path}`, {
        method,
        headers: {
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (err) {
      throw new ApiFailure('network', `The server at ${root} could not be reached (${(err as Error).message}).`);
    }
    const text = await response.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    if (!response.ok) {
      const err = ApiError.safeParse(json);
      const message = err.success ? err.data.error : `${response.status} ${response.statusText}`.trim();
      const kind = response.status === 401 ? 'auth' : response.status >= 500 ? 'server' : 'client';
      throw new ApiFailure(kind, message, response.status);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      throw new ApiFailure('server', `The server's answer to ${method} ${path} was not understood: ${z.prettifyError(parsed.error)}`);
    }
    return parsed.data;
  }

  return {
    login: (email: string, password: string) => request(LoginResponse, 'POST', '/api/auth/login', { email, password }),
    logout: () => request(z.unknown(), 'POST', '/api/auth/logout'),
    me: () => request(Me, 'GET', '/api/me'),
    push: (body: PushRequest) => request(PushResponse, 'POST', '/api/sync/push', body),
    pull: (cursor: number) => request(PullResponse, 'GET', `/api/sync/pull?cursor=${cursor}`),
  };
}
export type Api = ReturnType<typeof createApi>;
