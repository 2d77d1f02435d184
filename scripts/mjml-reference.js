#!/usr/bin/env node
// The reference MJML (npm `mjml`) for CI and benchmarks: mjml-python accepts invalid MJML
// silently, so CI validates every rendered template here with validationLevel "strict".
//
//   node scripts/mjml-reference.js validate FILE...   exit 1 and print the errors if any is invalid
//   node scripts/mjml-reference.js render FILE        minified HTML on stdout
//   node scripts/mjml-reference.js bench FILE N       JSON: median ms of N minified renders, bytes
'use strict';
const fs = require('fs');
const mjml2html = require('mjml');

// CSS minification needs cssnano 8, which needs Node 22 (Debian 12 ships 20); our CSS is <2 KB.
const MINIFIED = {
  validationLevel: 'skip',
  minify: true,
  minifyOptions: { minifyCss: false },
  fonts: {},
};

async function validate(files) {
  let failed = 0;
  for (const file of files) {
    const source = fs.readFileSync(file, 'utf8');
    try {
      await mjml2html(source, { validationLevel: 'strict', fonts: {}, filePath: file });
      console.log(`ok ${file}`);
    } catch (err) {
      failed += 1;
      const details = (err.errors || []).map((e) => `  ${e.formattedMessage}`);
      console.log(`invalid ${file}\n${details.join('\n') || '  ' + err.message}`);
    }
  }
  return failed ? 1 : 0;
}

async function render(file) {
  const out = await mjml2html(fs.readFileSync(file, 'utf8'), MINIFIED);
  process.stdout.write(out.html);
  return 0;
}

async function bench(file, n) {
  const source = fs.readFileSync(file, 'utf8');
  let bytes = 0;
  await mjml2html(source, MINIFIED); // warm-up: module loading and JIT are not the render
  const times = [];
  for (let i = 0; i < n; i += 1) {
    const start = process.hrtime.bigint();
    const out = await mjml2html(source, MINIFIED);
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
    bytes = Buffer.byteLength(out.html);
  }
  times.sort((a, b) => a - b);
  console.log(JSON.stringify({ median_ms: times[Math.floor(n / 2)], runs: n, bytes }));
  return 0;
}

async function main(argv) {
  const [command, ...args] = argv;
  if (command === 'validate' && args.length) return validate(args);
  if (command === 'render' && args.length === 1) return render(args[0]);
  if (command === 'bench' && args.length === 2) return bench(args[0], Number(args[1]));
  console.error('usage: mjml-reference.js validate FILE... | render FILE | bench FILE N');
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => { console.error(err); process.exit(2); },
);
