#!/usr/bin/env node
// The `papershelf` command. It runs the built CLI (npm run build makes out/main/cli.js).
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const built = path.join(__dirname, '..', 'out', 'main', 'cli.js');
if (!fs.existsSync(built)) {
  process.stderr.write(
    'papershelf: not built yet; run `npm run build` in the Papershelf folder first\n',
  );
  process.exit(1);
}
require(built);
