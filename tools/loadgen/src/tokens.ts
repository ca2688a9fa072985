import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Embedded mode: tokens minted with the gateway's local key by its dev-token command (run from the repo root). */
export const mintedTokens =
  (mintScript = 'apps/gateway/dist/tools/mint-dev-token.js') =>
  async (user: string): Promise<string> =>
    (await run(process.execPath, [mintScript, '--user', user], { encoding: 'utf8' })).stdout.trim();

/** Any other issuer: a file of bearer tokens, one per line, shared out to the virtual users in turn. */
export async function tokensFromFile(path: string): Promise<(user: string) => Promise<string>> {
  const tokens = (await readFile(path, 'utf8'))
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  if (tokens.length === 0) throw new Error(`${path} holds no tokens (one bearer token per line)`);
  let next = 0;
  return async () => tokens[next++ % tokens.length] as string;
}
