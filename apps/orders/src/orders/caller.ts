import { currentCallContext, UnauthenticatedError } from '@bazaar/grpc';

/** The calling user (the gateway's `x-user-id` metadata); every order read or placed belongs to them. */
export function callerUserId(): string {
  const userId = currentCallContext()?.propagated['x-user-id']?.trim();
  if (!userId) throw new UnauthenticatedError('x-user-id metadata is required');
  if (userId.length > 128) throw new UnauthenticatedError('x-user-id metadata is malformed');
  return userId;
}
