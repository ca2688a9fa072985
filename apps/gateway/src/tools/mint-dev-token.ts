import { mintDevTokenCli } from '../auth/dev-token.js';

const { exitCode, output } = await mintDevTokenCli(process.argv.slice(2), process.env);
(exitCode === 0 ? process.stdout : process.stderr).write(`${output}\n`);
process.exitCode = exitCode;
