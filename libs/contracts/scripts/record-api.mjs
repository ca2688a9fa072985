#!/usr/bin/env node
// Records the contracts' API (a buf image of proto/, as text) in api-baseline.txtpb: what deployed
// services and stored events are decoded with. `npm run codegen` runs this after `buf generate`, so
// additions are recorded as they are made; a breaking change is refused unless --accept-breaking says
// that nothing deployed or stored depends on the old shape.
//
//   node scripts/record-api.mjs [--accept-breaking]
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const buf = path.resolve(packageDir, '../../node_modules/.bin/buf');
const baseline = 'api-baseline.txtpb';
const acceptBreaking = process.argv.includes('--accept-breaking');
const run = (args) => execFileSync(buf, args, { cwd: packageDir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

if (existsSync(path.join(packageDir, baseline)) && !acceptBreaking) {
  try {
    run(['breaking', 'proto', '--exclude-imports', '--against', baseline]);
  } catch (error) {
    process.stderr.write(`${error.stdout ?? ''}${error.stderr ?? ''}`);
    process.stderr.write(
      `\nThese changes break the recorded API (${baseline}); it was not updated.\n` +
        'Add a new package version (bazaar.<service>.v2) instead, or, when nothing deployed or stored depends on the old shape,\n' +
        'run `npm run api:accept-breaking -w @bazaar/contracts` and say why in the commit.\n',
    );
    process.exit(1);
  }
}
run(['build', 'proto', '--exclude-source-info', '-o', baseline]);
console.log(`recorded the contracts' API in libs/contracts/${baseline}`);
