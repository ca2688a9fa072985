import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { synthCharts } from './charts.js';

const outDir = path.resolve(process.argv[2] ?? path.join(path.dirname(fileURLToPath(import.meta.url)), '../../charts'));
const written = synthCharts(outDir);
console.log(`synthesized ${written.join(', ')} into ${outDir}`);
