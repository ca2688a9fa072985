import { currentCallContext, UnauthenticatedError } from '@bazaar/grpc';

const MAX_USER_ID_LENGTH = 128;

/** The caller's user id, set as `x-user-id` by the gateway after it verified the token. */
export function currentUserId(): string {
  const userId = currentCallContext()?.propagated['x-user-id'];
  if (!userId || userId.length > MAX_USER_ID_LENGTH) throw new UnauthenticatedError('the call carries no valid x-user-id');
  return userId;
}
