// Renders an SVG file (e.g. the architecture diagram of the resilience report) to PNG.
// Usage: npx ts-node scripts/render-png.ts <in.svg> <out.png> [width]
import * as fs from 'fs';
import { renderPng } from '../lib/analysis/png';

const [input, output, widthArg] = process.argv.slice(2);
if (!input || !output) {
  console.error('usage: npx ts-node scripts/render-png.ts <in.svg> <out.png> [width]');
  process.exit(2);
}
const width = widthArg === undefined ? undefined : Number(widthArg);
if (width !== undefined && !(Number.isInteger(width) && width > 0)) {
  console.error(`width must be a positive integer of pixels, got ${JSON.stringify(widthArg)}`);
  process.exit(2);
}
const png = renderPng(fs.readFileSync(input, 'utf8'), width);
fs.writeFileSync(output, png);
console.log(`${output}: ${png.length} bytes`);
