/**
 * Keepalive settings, one place for both ends so clients never ping faster
 * than servers allow (which would earn a GOAWAY "too_many_pings").
 */
export const clientKeepaliveChannelOptions = {
  'grpc.keepalive_time_ms': 30_000,
  'grpc.keepalive_timeout_ms': 10_000,
  'grpc.keepalive_permit_without_calls': 1,
} as const;

export const serverKeepalive = {
  keepaliveTimeMs: 60_000,
  keepaliveTimeoutMs: 10_000,
  http2MinPingIntervalWithoutDataMs: 10_000,
  http2MaxPingStrikes: 5,
};
