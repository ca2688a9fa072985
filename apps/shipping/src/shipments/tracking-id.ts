import { randomBytes } from 'node:crypto';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
export const TRACKING_ID = /^BZ[A-Z2-7]{12}$/;

/** "BZ" + 12 random RFC 4648 base32 characters (60 bits): unguessable, easy to read out. */
export function newTrackingId(): string {
  const bytes = randomBytes(12);
  let id = 'BZ';
  for (const byte of bytes) id += BASE32[byte & 31];
  return id;
}
