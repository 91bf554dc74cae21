import type { OpenAPIRegistry, RouteConfig } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { sessionCookie } from '../contract/auth.ts';
import { ErrorBody } from '../contract/error.ts';

/**
 * What each capability's `openapi.ts` uses to describe its routes; `docs/openapi.ts` assembles them.
 * Every operation names its operationId (camelCase, stable: generated clients call it by that name)
 * and its security: one of the requirements below.
 */

type SecurityRequirement = Record<string, string[]>;

/** The ways a caller proves who it is, as OpenAPI security schemes. */
export const securitySchemes = {
  session: {
    type: 'apiKey',
    in: 'cookie',
    name: sessionCookie,
    description: 'The session cookie that POST /api/v1/auth/sign-in sets (HttpOnly, SameSite=Strict, 8 hours).',
  },
  csrf: {
    type: 'apiKey',
    in: 'header',
    name: 'X-CSRF-Token',
    description: 'The csrfToken that sign-in and GET /api/v1/auth/me answer; a session must send it with every write (POST, DELETE), else 403 csrf_failed.',
  },
  wallToken: {
    type: 'http',
    scheme: 'bearer',
    description:
      'A wall display token (Authorization: Bearer …) that an administrator creates with POST /api/v1/wall-tokens: read-only, scoped to an area, for the command center wall.',
  },
  memberLink: {
    type: 'apiKey',
    in: 'query',
    name: 'm',
    description:
      'The signed link sent to an alerted member. On /api/m/{token} the token is the path segment itself (those ' +
      "operations declare no security scheme); the member's page passes the same token as ?m= to draw basemap tiles.",
  },
} as const;

type SchemeName = keyof typeof securitySchemes;
const requirement = (...names: SchemeName[]): SecurityRequirement => Object.fromEntries(names.map((n) => [n, []]));

/** The security requirement of each kind of operation: alternatives, each a set that must all be present. */
export const security = {
  /** no credentials: health, sign-in, and the member's link, whose signed token is in the path */
  none: [],
  /** reads for signed-in users only */
  session: [requirement('session')],
  /** reads that the wall display may call too */
  sessionOrWall: [requirement('session'), requirement('wallToken')],
  /** writes: a session and its CSRF token */
  write: [requirement('session', 'csrf')],
  /** tiles: a session, a wall token, or (basemap layers) a member's link */
  tiles: [requirement('session'), requirement('wallToken'), requirement('memberLink')],
} satisfies Record<string, SecurityRequirement[]>;

export function registerSecuritySchemes(registry: OpenAPIRegistry): void {
  for (const [name, scheme] of Object.entries(securitySchemes)) registry.registerComponent('securitySchemes', name, scheme);
}

/** A capability's tag: its name and what it is for. */
export type ApiTag = { name: string; description: string };

/** An operation as a capability registers it: operationId and security are required. */
export type Operation = Omit<RouteConfig, 'tags' | 'operationId' | 'security'> & {
  operationId: string;
  security: SecurityRequirement[];
};

/** Registers a capability's operations under its tag. */
export function operations(registry: OpenAPIRegistry, tag: ApiTag): (operation: Operation) => void {
  return (operation) => registry.registerPath({ ...operation, tags: [tag.name] });
}

/** The error body, one component that every error answer refers to. */
const errorBody = ErrorBody.meta({ id: 'ErrorBody', description: 'Every error: a stable code and a message for people.' });

export const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: errorBody } },
});

export const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });

export const jsonBody = <T extends z.ZodType>(schema: T) => ({ content: { 'application/json': { schema } } });

/** 401 and 403, which every operation behind authentication may answer. */
export const denied = {
  401: errorResponse('unauthenticated: no session or token'),
  403: errorResponse('forbidden: the role does not allow this; csrf_failed on a write without X-CSRF-Token'),
};

/** 503 when the database is away for a moment or a statement runs too long (Retry-After: 2). */
export const unavailable = {
  503: errorResponse('database_unavailable or database_timeout: try again after Retry-After seconds'),
};

/**
 * A schema as a named component (#/components/schemas/{name}), so that a generated client names its
 * type. A schema two capabilities answer with is named the same in both (the generator keeps one).
 */
export const named = <T extends z.ZodType>(schema: T, name: string): T => schema.meta({ id: name });

export const idParam = z.object({ id: z.number().int().min(1) });

/** Query strings carry text; the documented form says what a client should send. */
export const number = (description: string, example: number) => z.number().meta({ description, example });

/** A query schema's keys, each as optional text: the schema itself parses and checks them. */
export const queryText = <T extends z.ZodRawShape>(shape: T) => z.object(Object.fromEntries(Object.keys(shape).map((k) => [k, z.string().optional()])));
