import { LoginRequest, LoginResponse, Me, Team } from '../core/account.ts';
import { AddTeamMemberRequest, AdminUser, CreateTeamRequest, CreateUserRequest, UserList } from '../core/admin.ts';
import { PromptReport, PromptReportQuery } from '../core/promptReport.ts';
import { ApiError, PullQuery, PullResponse, PushRequest, PushResponse } from '../core/sync.ts';
import { z } from '../core/z.ts';
import { HealthResponse } from './routes/health.ts';

/*
 * The OpenAPI 3.1 document, generated from the same zod schemas the routes validate with. Every
 * route the app serves is listed here (a test checks), with the errors it can answer.
 */

type Access = 'public' | 'signed in' | 'admin' | 'supervisor or manager';

interface Operation {
  method: 'get' | 'post';
  path: string;
  summary: string;
  access: Access;
  body?: z.ZodMiniType;
  query?: z.ZodMiniObject;
  ok: { status: 200 | 201 | 204; schema?: z.ZodMiniType };
  errors: number[];
}

const BAD_BODY = [400, 413, 415];

const operations: Operation[] = [
  { method: 'get', path: '/api/health', summary: 'The server and its database answer', access: 'public', ok: { status: 200, schema: HealthResponse }, errors: [503] },
  { method: 'get', path: '/api/openapi.json', summary: 'This document', access: 'public', ok: { status: 200 }, errors: [] },
  { method: 'post', path: '/api/auth/login', summary: 'Sign in with email and password', access: 'public', body: LoginRequest, ok: { status: 200, schema: LoginResponse }, errors: [...BAD_BODY, 401, 429] },
  { method: 'post', path: '/api/auth/logout', summary: 'Sign out: revokes this session token', access: 'signed in', ok: { status: 204 }, errors: [] },
  { method: 'get', path: '/api/me', summary: 'The signed-in user', access: 'signed in', ok: { status: 200, schema: Me }, errors: [] },
  { method: 'post', path: '/api/sync/push', summary: 'Apply client mutations in order, each once; answers every mutation', access: 'signed in', body: PushRequest, ok: { status: 200, schema: PushResponse }, errors: [...BAD_BODY, 403] },
  { method: 'get', path: '/api/sync/pull', summary: 'Records changed after the cursor that the user may read, with the roster', access: 'signed in', query: PullQuery, ok: { status: 200, schema: PullResponse }, errors: [400] },
  { method: 'get', path: '/api/reports/prompts', summary: 'Prompts shown and what agents did, per rule and requirement (supervisors: their teams)', access: 'supervisor or manager', query: PromptReportQuery, ok: { status: 200, schema: PromptReport }, errors: [400, 403] },
  { method: 'get', path: '/api/admin/users', summary: "The organisation's users", access: 'admin', ok: { status: 200, schema: UserList }, errors: [] },
  { method: 'post', path: '/api/admin/users', summary: 'Create a user', access: 'admin', body: CreateUserRequest, ok: { status: 201, schema: AdminUser }, errors: [...BAD_BODY, 404, 409] },
  { method: 'post', path: '/api/admin/teams', summary: 'Create a team', access: 'admin', body: CreateTeamRequest, ok: { status: 201, schema: Team }, errors: [...BAD_BODY, 409] },
  { method: 'post', path: '/api/admin/teams/{id}/members', summary: 'Add a user to a team', access: 'admin', body: AddTeamMemberRequest, ok: { status: 204 }, errors: [...BAD_BODY, 404] },
];

function jsonSchema(schema: z.ZodMiniType, io: 'input' | 'output'): Record<string, unknown> {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, { io, target: 'draft-2020-12', unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
}

const json = (schema: Record<string, unknown>) => ({ 'application/json': { schema } });
const apiError = { $ref: '#/components/schemas/ApiError' };

function describe(op: Operation) {
  const errors = [...op.errors, ...(op.access === 'public' ? [] : [401]), ...(op.access === 'admin' ? [403] : []), 500];
  const queryShape = op.query ? (jsonSchema(op.query, 'input').properties as Record<string, unknown>) : {};
  return {
    summary: op.summary,
    ...(op.access === 'public' ? { security: [] } : {}),
    parameters: [
      ...Object.entries(queryShape).map(([name, schema]) => ({ name, in: 'query', required: false, schema })),
      ...(op.path.includes('{id}') ? [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }] : []),
    ],
    ...(op.body ? { requestBody: { required: true, content: json(jsonSchema(op.body, 'input')) } } : {}),
    responses: {
      [op.ok.status]: {
        description: op.ok.status === 204 ? 'Done' : 'OK',
        ...(op.ok.schema ? { content: json(jsonSchema(op.ok.schema, 'output')) } : {}),
      },
      ...Object.fromEntries([...new Set(errors)].sort((a, b) => a - b).map((status) => [status, { description: 'See error', content: json(apiError) }])),
    },
  };
}

let built: Record<string, unknown> | undefined;

export function openApiDocument(): Record<string, unknown> {
  built ??= {
    openapi: '3.1.0',
    info: {
      title: 'Floorwalker sync server',
      version: '1',
      description:
        'Accounts and offline-first sync for the Floorwalker extension. Send `Authorization: Bearer <token>` from ' +
        'POST /api/auth/login. Errors are JSON `{ error, issues? }`; 4xx are permanent, 5xx worth retrying.',
    },
    components: {
      securitySchemes: { session: { type: 'http', scheme: 'bearer' } },
      schemas: { ApiError: jsonSchema(ApiError, 'output') },
    },
    security: [{ session: [] }],
    paths: operations.reduce<Record<string, Record<string, unknown>>>((paths, op) => {
      paths[op.path] = { ...paths[op.path], [op.method]: describe(op) };
      return paths;
    }, {}),
  };
  return built;
}
