import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { services } from '@bazaar/service-catalog';
import { writeFileSync } from 'node:fs';
import { synthCharts } from './charts.js';
import { dockerfile } from './image/dockerfile.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const outDir = path.resolve(process.argv[2] ?? path.join(repo, 'charts'));
const written = synthCharts(outDir);
console.log(`synthesized ${written.join(', ')} into ${outDir}`);
for (const entry of services) writeFileSync(path.join(repo, entry.path, 'Dockerfile'), dockerfile(entry));
console.log(`wrote ${services.map((s) => `${s.path}/Dockerfile`).join(', ')}`);
