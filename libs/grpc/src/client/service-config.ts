/**
 * A gRPC service config (gRFC A6) that retries only the given methods, only
 * on UNAVAILABLE — the one code that guarantees the server did not act.
 */
export function retryServiceConfig(methodPaths: Iterable<string>, maxAttempts = 4): string {
  const names = [...methodPaths].map((p) => {
    const [, service, method] = p.split('/');
    return { service, method };
  });
  if (names.length === 0) return JSON.stringify({ loadBalancingConfig: [{ round_robin: {} }] });
  return JSON.stringify({
    loadBalancingConfig: [{ round_robin: {} }],
    methodConfig: [
      {
        name: names,
        retryPolicy: {
          maxAttempts,
          initialBackoff: '0.05s',
          maxBackoff: '1s',
          backoffMultiplier: 2,
          retryableStatusCodes: ['UNAVAILABLE'],
        },
      },
    ],
    retryThrottling: { maxTokens: 10, tokenRatio: 0.1 },
  });
}
