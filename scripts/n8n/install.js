'use strict';
// The JS suites (scripts/e2e*, scripts/queue*, scripts/dev.js) require this module by its .js name,
// which tsx maps to the .ts file only for TypeScript importers. Remove once they import './n8n/install'.
module.exports = require('./install.ts');
