/**
 * The Node flags every service process runs with, under `npm start` and in
 * its container image alike. kafkajs 2.2.4 on Node ≥ 23 calls setTimeout with
 * a negative delay and Node prints a TimeoutNegativeWarning on stderr: a
 * harmless, non-JSON line that would break "every log line is JSON" (ADR 0007).
 */
export const serviceNodeFlags = ['--enable-source-maps', '--disable-warning=TimeoutNegativeWarning'] as const;
