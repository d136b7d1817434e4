import * as path from 'node:path';

/** The checkout's root folder. */
export const REPO = path.resolve(__dirname, '..', '..');

/** The package's name: node types are `<PKG>.<node name>`. */
export const PKG = 'n8n-nodes-stripe-platform';
