import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { authenticatedUserOf } from '../auth/authentication.js';

export const SESSION_HEADER = 'x-session-id';
export const SESSION_COOKIE = 'bazaar_session';
/** What a client-chosen session id may look like: short, opaque, no separators that need escaping. */
const SESSION_ID = /^[A-Za-z0-9._:-]{8,128}$/;

/** Who a clickstream event is about: the session it belongs to and, behind the auth guard, the user. */
export interface Visitor {
  sessionId: string;
  /** Empty for anonymous requests. */
  userId: string;
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/**
 * The client's address for the derived session: the first X-Forwarded-For hop behind a load
 * balancer, else the peer. Trusting the header is harmless here (a forged one only changes the
 * sender's own session), unlike for the rate limiter, which keys on the peer address.
 */
function clientAddress(request: FastifyRequest): string {
  const forwarded = request.headers['x-forwarded-for'];
  const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',', 1)[0]?.trim();
  return first || request.ip;
}

function validSession(value: unknown): string | undefined {
  return typeof value === 'string' && SESSION_ID.test(value) ? value : undefined;
}

/**
 * A pseudonymous session for clients that name none: the same browser (IP +
 * User-Agent) on the same UTC day. It is the same before and after login, so
 * a funnel from anonymous browsing to an authenticated checkout stays one
 * session. A hash, never the IP itself, leaves the gateway.
 */
export function derivedSessionId(ip: string, userAgent: string, now = new Date()): string {
  const day = now.toISOString().slice(0, 10);
  const digest = createHash('sha256').update(`bazaar-session\u0000${day}\u0000${ip}\u0000${userAgent}`).digest('base64url');
  return `anon-${digest.slice(0, 22)}`;
}

/**
 * The session of a request: the `X-Session-Id` header, else the
 * `bazaar_session` cookie (a storefront sets either), else one derived from
 * the client's address and User-Agent. Malformed values are ignored, not rejected:
 * analytics never fails a request.
 */
export function visitorOf(request: FastifyRequest): Visitor {
  const sessionId =
    validSession(request.headers[SESSION_HEADER]) ?? validSession(cookieValue(request.headers.cookie, SESSION_COOKIE)) ?? derivedSessionId(clientAddress(request), request.headers['user-agent'] ?? '');
  return { sessionId, userId: authenticatedUserOf(request) ?? '' };
}
