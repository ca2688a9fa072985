#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { runLoad } from './load.js';
import { formatRoutes, formatSummary } from './report.js';
import { mintedTokens, tokensFromFile } from './tokens.js';

const USAGE = `usage: npm run load -- [--url http://localhost:8080] [--users 5] [--duration 60] [--sessions <n>]
                     [--checkout-ratio 0.3] [--think-ms 500] [--tokens <file>]
Virtual shoppers against a running gateway (npm start in another terminal, or a port-forwarded cluster).
Tokens are minted with the local dev key unless --tokens names a file of bearer tokens (one per line).
Exits 1 when any request failed with a 5xx or got no answer.`;

function numberOption(raw: string, name: string, min: number, max: number): number {
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min || value > max) throw new Error(`--${name} must be a number from ${min} to ${max}, got "${raw}"`);
  return value;
}

function integerOption(raw: string, name: string, min: number, max: number): number {
  const value = numberOption(raw, name, min, max);
  if (!Number.isInteger(value)) throw new Error(`--${name} must be a whole number, got "${raw}"`);
  return value;
}

async function main(argv: string[]): Promise<number> {
  let options;
  try {
    const { values } = parseArgs({
      args: argv,
      options: {
        url: { type: 'string', default: 'http://localhost:8080' },
        users: { type: 'string', default: '5' },
        duration: { type: 'string', default: '60' },
        sessions: { type: 'string' },
        'checkout-ratio': { type: 'string', default: '0.3' },
        'think-ms': { type: 'string', default: '500' },
        tokens: { type: 'string' },
        help: { type: 'boolean' },
      },
      strict: true,
    });
    if (values.help) return (console.log(USAGE), 0);
    options = {
      baseUrl: new URL(values.url).toString(),
      users: numberOption(values.users, 'users', 1, 500),
      durationMs: numberOption(values.duration, 'duration', 1, 86_400) * 1_000,
      ...(values.sessions === undefined ? {} : { sessionsPerUser: integerOption(values.sessions, 'sessions', 1, 1_000_000) }),
      checkoutRatio: numberOption(values['checkout-ratio'], 'checkout-ratio', 0, 1),
      thinkMs: numberOption(values['think-ms'], 'think-ms', 0, 60_000),
      tokenFor: values.tokens ? await tokensFromFile(values.tokens) : mintedTokens(),
    };
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const sessions = options.sessionsPerUser === undefined ? '' : ` or ${options.sessionsPerUser} sessions each, whichever ends first`;
  console.log(`${options.users} shoppers against ${options.baseUrl} for ${options.durationMs / 1_000} s${sessions}`);
  const started = Date.now();
  const stats = await runLoad({
    ...options,
    onProgress: (soFar, since) => console.log(`\n${Math.round((Date.now() - started) / 1_000)} s\n${formatRoutes(soFar.routes(since), 10)}`),
  });
  console.log(`\nsummary over ${Math.round((Date.now() - started) / 1_000)} s\n${formatSummary(stats, (Date.now() - started) / 1_000)}`);
  return stats.failures() === 0 ? 0 : 1;
}

process.exitCode = await main(process.argv.slice(2));
